package org.titansync.roster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The staff rows of a package as they are read, and the roster they make. The same rows, read back
 * from the run folder's normalized input.csv, make the same roster: both go through {@link
 * #toRoster}, and so through the {@link PersonMerger} the six-column CSV uses (one person per
 * external_id, the first row wins, two people may not share an email).
 */
final class StaffRows {
  private final List<ReadRow> rows = new ArrayList<>();
  private final ValuePool pool = new ValuePool();
  private final int maxRows;
  private final ReadCaps caps;

  /**
   * @param caps refuses a package with more staff rows than [csv] max_rows (or the heap) allows
   */
  StaffRows(ReadCaps caps) {
    this.caps = caps;
    this.maxRows = caps.maxRows();
  }

  /**
   * A staff row: kept when it passes the row checks of the six-column CSV, else refused.
   *
   * @param named the package's column for each of the six fields, for messages
   */
  void staff(
      String source,
      int line,
      String externalId,
      String firstName,
      String lastName,
      String email,
      String siteName,
      String role,
      UnaryOperator<String> named)
      throws RosterException {
    RosterRow row =
        new RosterRow(
            line,
            externalId,
            firstName,
            lastName,
            email,
            pool.site(siteName),
            pool.roles(role, r -> r.isEmpty() ? List.of() : List.of(r)),
            source);
    var problem = RowChecks.firstProblem(row, role, named);
    if (problem.isPresent()) {
      refuse(problem.get(), List.of(email));
    } else {
      add(new ReadRow.Staff(row));
    }
  }

  /** A row that is not read cleanly: whoever it names loses nothing. */
  void refuse(
      String source, int line, String field, String externalId, String message, List<String> emails)
      throws RosterException {
    refuse(
        new RowError(
            line,
            field,
            externalId == null || externalId.isEmpty() ? null : externalId,
            message,
            source),
        emails);
  }

  /** Keeps the plausible addresses among {@code emails}, the ones that can name someone. */
  void refuse(RowError error, List<String> emails) throws RosterException {
    List<String> plausible = new ArrayList<>(emails.size());
    for (String email : emails) {
      if (RowChecks.isPlausibleEmail(email) && !plausible.contains(email)) {
        plausible.add(email);
      }
    }
    add(new ReadRow.Refused(error, plausible));
  }

  int size() {
    return rows.size();
  }

  private void add(ReadRow row) throws RosterException {
    if (rows.size() == maxRows) {
      RowError at =
          row instanceof ReadRow.Staff s
              ? new RowError(s.row().line(), null, null, "", s.row().source())
              : ((ReadRow.Refused) row).error();
      throw caps.tooManyRows(at.source(), at.line(), maxRows);
    }
    rows.add(row);
  }

  /**
   * With [roster] merge_by = "email": rows of several external_ids with one email become one
   * person, under the smallest of those ids, so that the choice does not move with the rows' order.
   */
  void mergeByEmail() {
    Map<String, String> smallest = new HashMap<>();
    for (ReadRow r : rows) {
      if (r instanceof ReadRow.Staff s) {
        smallest.merge(
            s.row().email().toLowerCase(Locale.ROOT),
            s.row().externalId(),
            (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i) instanceof ReadRow.Staff s) {
        RosterRow row = s.row();
        String id = smallest.get(row.email().toLowerCase(Locale.ROOT));
        if (!id.equals(row.externalId())) {
          rows.set(
              i,
              new ReadRow.Staff(
                  new RosterRow(
                      row.line(),
                      id,
                      row.firstName(),
                      row.lastName(),
                      row.email(),
                      row.siteName(),
                      row.roleNames(),
                      row.source())));
        }
      }
    }
  }

  Roster toRoster(ExportFormat format, List<String> notes) {
    return toRoster(List.copyOf(rows), format, notes);
  }

  /** The roster these rows make, in their order. */
  static Roster toRoster(List<ReadRow> rows, ExportFormat format, List<String> notes) {
    PersonMerger merger = new PersonMerger();
    for (ReadRow r : rows) {
      if (r instanceof ReadRow.Staff s) {
        merger.add(s.row());
      } else if (r instanceof ReadRow.Refused f) {
        merger.reject(f.error(), f.error().externalId(), f.emails());
      }
    }
    return merger.toRoster(RosterOptions.REQUIRED_COLUMNS, rows.size(), format, notes, rows);
  }
}
