/** The subset of JSON Schema (draft 2020-12) our event schemas use. */
export interface JsonSchema {
  readonly $id?: string;
  readonly $schema?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'null' | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly const?: string | number | boolean;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly items?: JsonSchema;
}

/** A published event type: its name, its current version and the schema of its `data`. */
export interface PublicEventContract {
  readonly type: string;
  readonly version: number;
  readonly topic: string;
  readonly description: string;
  readonly dataSchema: JsonSchema;
}
