package org.titansync.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.titansync.sftp.RemoteFileFilter.Verdict;

/** Which listed files are whole: names, kinds, done-files, size, and settling over polls. */
class RemoteFileFilterTest {
  private static final Pattern IGNORED = Pattern.compile("^\\..*|.*\\.(part|tmp)$");
  private final AtomicLong nanos = new AtomicLong();

  private RemoteFileFilter filter(String doneSuffix) {
    return new RemoteFileFilter(IGNORED, doneSuffix, 1000, 1000, 3, nanos::get);
  }

  private static RemoteEntry file(String name, long size) {
    return new RemoteEntry(name, RemoteEntry.Kind.FILE, size, 1_700_000_000L);
  }

  @Test
  void aFileIsReadyAfterEnoughPollsOverTheQuietTime() {
    RemoteFileFilter f = filter("");
    RemoteEntry staff = file("staff.csv", 10);
    assertEquals(Verdict.WAIT, f.judge("/u/staff.csv", staff, Set.of()));
    nanos.addAndGet(2_000_000_000L);
    assertEquals(Verdict.WAIT, f.judge("/u/staff.csv", staff, Set.of()), "2 polls of 3");
    assertEquals(Verdict.READY, f.judge("/u/staff.csv", staff, Set.of()));
    assertEquals(
        Verdict.WAIT, f.judge("/u/staff.csv", file("staff.csv", 11), Set.of()), "it changed");
  }

  @Test
  void manyQuickPollsAreNotEnoughWithoutTheQuietTime() {
    RemoteFileFilter f = filter("");
    RemoteEntry staff = file("staff.csv", 10);
    for (int i = 0; i < 10; i++) {
      assertEquals(Verdict.WAIT, f.judge("/u/staff.csv", staff, Set.of()));
    }
    nanos.addAndGet(1_000_000_000L);
    assertEquals(Verdict.READY, f.judge("/u/staff.csv", staff, Set.of()));
  }

  @Test
  void temporaryNamesLinksBigFilesAndDoneFiles() {
    RemoteFileFilter f = filter(".done");
    assertEquals(Verdict.SKIP, f.judge("/u/staff.csv.part", file("staff.csv.part", 1), Set.of()));
    assertEquals(Verdict.SKIP, f.judge("/u/.staff.csv", file(".staff.csv", 1), Set.of()));
    assertEquals(Verdict.SKIP, f.judge("/u/staff.csv.done", file("staff.csv.done", 0), Set.of()));
    assertEquals(
        Verdict.NOT_REGULAR,
        f.judge("/u/l.csv", new RemoteEntry("l.csv", RemoteEntry.Kind.LINK, 5, 0), Set.of()));
    assertEquals(Verdict.TOO_BIG, f.judge("/u/big.csv", file("big.csv", 1001), Set.of()));
    RemoteEntry staff = file("staff.csv", 10);
    for (int i = 0; i < 5; i++) {
      nanos.addAndGet(1_000_000_000L);
      assertEquals(Verdict.WAIT, f.judge("/u/staff.csv", staff, Set.of("staff.csv")), "no done");
    }
    Set<String> done = Set.of("staff.csv", "staff.csv.done");
    f.judge("/u/staff.csv", staff, done);
    nanos.addAndGet(1_000_000_000L);
    f.judge("/u/staff.csv", staff, done);
    assertEquals(Verdict.READY, f.judge("/u/staff.csv", staff, done));
  }
}
