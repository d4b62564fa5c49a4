package org.titansync.report;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.titansync.plan.TitanUser;
import org.titansync.run.ShownName;
import org.titansync.store.OwnershipHistory;

/**
 * The part of {@code explain} that says, per membership and role a person holds in Titan now,
 * whether titan-sync owns it and why, and since when the person is missing from the file: from
 * titan-sync's memory of the Titan, its audit log, and one look at the person in Titan.
 */
public final class OwnershipView {
  private final PrintWriter out;
  private final String titan;
  private final boolean ownedScope;
  private final String externalId;

  /**
   * @param titan the Titan's identity, as the memory names it
   * @param ownedScope membership_scope = "owned"
   */
  public OwnershipView(PrintWriter out, String titan, boolean ownedScope, String externalId) {
    this.out = out;
    this.titan = titan;
    this.ownedScope = ownedScope;
    this.externalId = externalId;
  }

  /**
   * Prints it; true when anything is known of the person.
   *
   * @param user the person in Titan now; empty when Titan was not read or does not know them
   * @param siteNames site id -> name, as far as known
   * @param roleNames role id -> name, as far as known
   */
  public boolean print(
      OwnershipHistory owns,
      Optional<TitanUser> user,
      Map<String, String> siteNames,
      Map<String, String> roleNames) {
    out.println("In Titan (" + titan + "), what titan-sync owns of " + externalId + ":");
    Map<String, Set<String>> held = user.map(TitanUser::memberships).orElse(Map.of());
    Set<String> sites = new TreeSet<>(held.keySet());
    sites.addAll(owns.owned().keySet());
    for (String site : sites) {
      Map<String, String> why = owns.owned().getOrDefault(site, Map.of());
      Set<String> roles = new TreeSet<>(held.getOrDefault(site, Set.of()));
      roles.addAll(why.keySet());
      for (String role : roles) {
        String where =
            "    "
                + ShownName.escape(siteNames.getOrDefault(site, site))
                + ": "
                + ShownName.escape(roleNames.getOrDefault(role, role))
                + ": ";
        boolean holds = held.getOrDefault(site, Set.of()).contains(role);
        if (why.containsKey(role)) {
          out.println(
              where
                  + "owned: "
                  + why.get(role)
                  + (user.isPresent() && !holds ? " (Titan no longer holds it)" : ""));
        } else {
          out.println(
              where
                  + "not titan-sync's: made by hand"
                  + (ownedScope
                      ? "; kept while " + externalId + " is in the file, until a file names it"
                      : "; membership_scope = \"all\": it goes unless the file names it"));
        }
      }
    }
    if (sites.isEmpty()) {
      out.println("    nothing" + (user.isEmpty() ? " (Titan was not read)" : ""));
    }
    out.println(
        owns.missing() == null
            ? "    not missing from the file (" + owns.memoryFile() + ")"
            : "    "
                + owns.missing().sinceWords()
                + ", "
                + owns.missing().runs()
                + (owns.missing().runs() == 1 ? " run" : " runs in a row")
                + " ("
                + owns.memoryFile()
                + ")");
    return !sites.isEmpty() || owns.missing() != null || user.isPresent();
  }
}
