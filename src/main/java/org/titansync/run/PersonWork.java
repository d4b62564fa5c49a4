package org.titansync.run;

import java.util.List;
import org.titansync.plan.Change;

/** The changes of one person in one phase, applied in order by one worker. */
public record PersonWork(String externalId, List<Change> changes) {}
