/**
 * A number that grows whenever the page's colours may have changed: the app's theme attribute on
 * <html> (set after React renders, by App's effect) or the system's light/dark preference. Canvas
 * drawings that read CSS variables re-read them only then: getComputedStyle in every frame forces
 * the browser to recompute style in the middle of a stream of DOM updates.
 */
import { useEffect, useState } from 'react';

export function useThemeSerial(): number {
  const [serial, setSerial] = useState(0);
  useEffect(() => {
    const bump = (): void => setSerial((n) => n + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class', 'style'],
    });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', bump);
    };
  }, []);
  return serial;
}
