/** Argument checks shared by the Spool implementations, so tests on one hold for the other. */

export function checkKey(jobId: string, chunkNo: number): void {
  if (typeof jobId !== 'string' || jobId === '')
    throw new TypeError('Spool jobId must be a non-empty string');
  if (!Number.isSafeInteger(chunkNo)) throw new RangeError('Spool chunkNo must be an integer');
}

export function checkJobId(jobId: string): void {
  if (typeof jobId !== 'string' || jobId === '')
    throw new TypeError('Spool jobId must be a non-empty string');
}

export function checkRows(rows: unknown[]): void {
  if (!Array.isArray(rows)) throw new TypeError('Spool rows must be an array');
}
