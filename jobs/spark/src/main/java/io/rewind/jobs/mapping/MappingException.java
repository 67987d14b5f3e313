package io.rewind.jobs.mapping;

/** A mapping the data cannot be read through, said with the file, the line and the key it is about. */
public final class MappingException extends IllegalArgumentException {
    MappingException(String message) {
        super(message);
    }
}
