package org.titansync.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.titansync.app.TitanSyncApp;
import org.titansync.config.SyncConfig;
import org.titansync.plan.MembershipScope;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanUser;
import org.titansync.run.OwnershipHistory;
import org.titansync.run.RunStore;
import org.titansync.run.ShownName;
import org.titansync.run.WindowLedger;
import org.titansync.titan.TitanClient;
import org.titansync.titan.TitanException;

/**
 * The part of {@code explain} that says, per membership and role a person holds in Titan now,
 * whether titan-sync owns it and why, and since when the person is missing from the file: from
 * titan-sync's memory of the Titan, its audit log, and one look at the person in Titan.
 */
final class OwnershipView {
  private final PrintWriter out;
  private final SyncConfig config;
  private final boolean sandbox;
  private final String externalId;

  OwnershipView(PrintWriter out, SyncConfig config, boolean sandbox, String externalId) {
    this.out = out;
    this.config = config;
    this.sandbox = sandbox;
    this.externalId = externalId;
  }

  /** Prints it; true when anything is known of the person. */
  boolean print(RunStore store) {
    String titan = sandbox ? SyncConfig.Titan.SANDBOX : config.titan().identity();
    OwnershipHistory owns;
    try {
      owns = OwnershipHistory.of(store, titan, externalId);
    } catch (WindowLedger.Unreadable e) {
      out.println("warning: " + e.getMessage());
      return false;
    }
    Map<String, String> siteNames = new HashMap<>();
    Map<String, String> roleNames = new HashMap<>();
    Optional<TitanUser> user = lookUp(siteNames, roleNames);
    boolean owned = config.sync().membershipScope() == MembershipScope.OWNED;
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
                  + (owned
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

  /** The person in Titan now, with the names of sites and roles; empty when Titan cannot say. */
  private Optional<TitanUser> lookUp(Map<String, String> siteNames, Map<String, String> roleNames) {
    if (sandbox || !config.missingForApi().isEmpty()) {
      return Optional.empty();
    }
    try {
      TitanClient client = TitanSyncApp.clientFor(config);
      Snapshot catalog = client.readCatalog();
      catalog.sites().forEach(s -> siteNames.put(s.id(), s.name()));
      catalog.roles().forEach(r -> roleNames.put(r.id(), r.name()));
      return client.findByExternalId(externalId);
    } catch (TitanException | RuntimeException e) {
      out.println(
          "warning: Titan could not be read ("
              + e.getMessage()
              + "): what titan-sync"
              + " owns is shown from its memory alone");
      return Optional.empty();
    }
  }
}
