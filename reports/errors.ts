// Named errors for bad report/compare input. Every one is bad input (exit 2 through the CLI's `exitCode === 2`
// rule); the message starts with the error's name so a person can tell at a glance what was wrong with which file.

export type ReportInputErrorName =
  | 'ResultsFolderMissing'   // the folder does not exist or is not a folder
  | 'NotAResultsFolder'      // neither summary.json (a run) nor manifest.json (a sweep) in it
  | 'CorruptSummary'         // summary.json unreadable, not JSON, or missing/ill-typed fields
  | 'CorruptTimeseries'      // timeseries.arrow missing, truncated or without the `day` column
  | 'CorruptManifest'        // manifest.json unreadable or not JSON
  | 'CorruptRunsTable'       // runs.arrow missing, truncated, or missing the contract's columns
  | 'IncompleteSweep'        // the manifest or the runs table says runs are missing
  | 'CorruptSensitivity'     // sensitivity.json present but unreadable
  | 'MismatchedFolders'      // compare: the two folders cannot be paired (kind, days, grid, seeds)
  | 'OutputNotWritable';     // the report folder cannot be created

export class ReportInputError extends Error {
  readonly exitCode = 2 as const;
  constructor(readonly errorName: ReportInputErrorName, detail: string) {
    super(`${errorName}: ${detail}`);
    this.name = errorName;
  }
}
