package io.rewind.jobs.registry;

/** Where a model in the registry's {@code models} table stands (stored by name). */
public enum ModelState {
    REGISTERED,
    /** The experiment's hosted model. */
    PROMOTED,
    /** Its promotion's gate did not hold. */
    REJECTED,
    /** Hosted once, replaced by a later promotion. */
    RETIRED
}
