package io.rewind.formats;

/** Thrown by the streaming decoder to hand a line to the tree decoder, which names what is wrong. */
final class UnsureValue extends Exception {
    static final UnsureValue INSTANCE = new UnsureValue();

    private UnsureValue() {
        super(null, null, false, false);
    }
}
