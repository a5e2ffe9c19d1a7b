/** Which clock the next Run uses: real time, slow motion at a chosen scale (0.1×–1×), or instant (virtual). */
import type { ClockMode } from '../../../shared/protocol/messages';
import { chooseClock, setSlowScale, useApp } from '../app/app-store';
import { SLOW_SCALE_MAX, SLOW_SCALE_MIN, SLOW_SCALE_STEP, formatSlowScale } from '../app/slow-scale';

const CLOCKS: { kind: ClockMode['kind']; label: string; title: string }[] = [
  { kind: 'real', label: 'Real time', title: 'Timers take their real time' },
  { kind: 'slow', label: 'Slow motion', title: 'Timers run slower than real time, to watch a run unfold' },
  { kind: 'virtual', label: 'Instant', title: 'Virtual clock: timers fire at once, times stay exact' },
];

const NEXT_RUN = 'A change during a run applies to the next run.';

export function ClockPicker() {
  const clock = useApp((s) => s.clock);
  const slowScale = useApp((s) => s.slowScale);
  const scale = clock.kind === 'slow' ? clock.scale : slowScale;
  const shown = formatSlowScale(scale);
  const picked = CLOCKS.find((c) => c.kind === clock.kind);
  return (
    <div className="clock-picker" role="group" aria-label="Clock for Run">
      <select
        aria-label="Clock"
        value={clock.kind}
        title={`Clock for Run: ${picked?.title ?? clock.kind}. ${NEXT_RUN}`}
        onChange={(event) => {
          const choice = CLOCKS.find((c) => c.kind === event.target.value);
          if (choice) chooseClock(choice.kind);
        }}
      >
        {CLOCKS.map((c) => (
          <option key={c.kind} value={c.kind}>
            {c.label}
          </option>
        ))}
      </select>
      {clock.kind === 'slow' && (
        <label
          className="clock-scale"
          title={`Slow-motion scale: timers run at ${shown} real time. ${NEXT_RUN}`}
        >
          <input
            type="range"
            aria-label="Slow-motion scale"
            aria-valuetext={shown}
            min={SLOW_SCALE_MIN}
            max={SLOW_SCALE_MAX}
            step={SLOW_SCALE_STEP}
            value={scale}
            onChange={(event) => setSlowScale(Number(event.target.value))}
          />
          <span className="clock-scale-value" data-slow-scale={scale} aria-hidden="true">
            {shown}
          </span>
        </label>
      )}
    </div>
  );
}
