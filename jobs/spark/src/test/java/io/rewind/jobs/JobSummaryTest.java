package io.rewind.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JobSummaryTest {
    @Test
    void roundingForTheConsoleNeverChangesALargeNumber() {
        assertEquals(0.1235, JobSummary.round(0.123456, 4));
        assertEquals(-2.5e-5, JobSummary.round(-0.0000251, 6), 1e-12);
        assertEquals(5.6e305, JobSummary.round(5.6e305, 4), "not Long.MAX_VALUE / 1e4");
        assertEquals(Double.NaN, JobSummary.round(Double.NaN, 4));
    }
}
