/** JSON data as a TypeScript type: what params, results and `x-` keys hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
