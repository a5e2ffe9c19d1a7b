/** What an exporter gives: the code, or the reasons it cannot be written. */
export type ExportResult = { ok: true; code: string } | { ok: false; problems: string[] };
