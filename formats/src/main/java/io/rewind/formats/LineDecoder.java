package io.rewind.formats;

/** Turns the lines of one text file into rows of a table. Made per file, from its first line. */
public interface LineDecoder {
    /** True when the first line is a header and not a row. */
    boolean firstLineIsHeader();

    /** The row of one line, or a {@link FieldException} naming the field at fault. */
    Object[] decode(String line);

    static LineDecoder forFile(TableSchema schema, TableFormat format, String firstLine) {
        switch (format) {
            case JSONL:
                return new LineDecoder() {
                    public boolean firstLineIsHeader() {
                        return false;
                    }

                    public Object[] decode(String line) {
                        return JsonCodec.decodeLine(schema, line);
                    }
                };
            case CSV: {
                CsvCodec codec = new CsvCodec(schema, firstLine);
                return new LineDecoder() {
                    public boolean firstLineIsHeader() {
                        return true;
                    }

                    public Object[] decode(String line) {
                        return codec.decodeLine(line);
                    }
                };
            }
            case SEED_CSV: {
                if (!schema.equals(Tables.EPISODES)) {
                    throw new IllegalArgumentException("seed-csv holds episodes only, not " + schema.name());
                }
                SeedEpisodeCsv codec = new SeedEpisodeCsv(firstLine);
                return new LineDecoder() {
                    public boolean firstLineIsHeader() {
                        return true;
                    }

                    public Object[] decode(String line) {
                        return codec.decodeLine(line);
                    }
                };
            }
            default:
                throw new IllegalArgumentException(format + " is not a text format");
        }
    }
}
