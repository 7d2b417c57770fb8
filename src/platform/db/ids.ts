/** Whether a value is a UUID as PostgreSQL's `uuid` type takes it: checked before a query, so a malformed id is "not found", never a cast error. */
export const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
