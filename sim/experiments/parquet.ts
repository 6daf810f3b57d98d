// DIR/runs.parquet: the runs table in Parquet (hyparquet-writer, pure JS), for pandas/polars/DuckDB users.
// Same columns and row order as runs.arrow; Arrow types map to Parquet INT32/DOUBLE/STRING/BOOLEAN, nulls kept.
import type { Table } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';

export const RUNS_PARQUET_FILE = 'runs.parquet';

type BasicType = 'INT32' | 'DOUBLE' | 'STRING' | 'BOOLEAN';

function basicType(arrowType: string): BasicType {
  if (arrowType === 'Int32') return 'INT32';
  if (arrowType === 'Float64') return 'DOUBLE';
  if (arrowType === 'Bool') return 'BOOLEAN';
  if (arrowType === 'Utf8') return 'STRING';
  throw new TypeError(`runs table: no Parquet mapping for Arrow type ${arrowType}`);
}

export function runsTableParquet(table: Table): Uint8Array {
  const columnData = table.schema.fields.map((f) => {
    const col = table.getChild(f.name)!;
    const data: unknown[] = [];
    for (let i = 0; i < table.numRows; i++) data.push(col.get(i) ?? null);
    return { name: f.name, data, type: basicType(String(f.type)), nullable: true };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}
