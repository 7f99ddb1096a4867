/** The per-call route option of reads and single-item writes. */
export interface RouteOption {
  /**
   * Sends this call to `'dax'` or `'dynamodb'` when the table's transport
   * routes between them (`daxRouter` from `tablewright/dax`); every other
   * transport ignores it. Wins over an enclosing `withDaxRoute`. A guarded
   * write (create, version-locked, conditional) stays on DynamoDB while the
   * router promises exact condition failures.
   */
  readonly route?: 'dax' | 'dynamodb' | undefined;
}
