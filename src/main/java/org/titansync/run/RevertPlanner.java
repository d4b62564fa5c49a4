package org.titansync.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.PlanStats;
import org.titansync.plan.Profile;
import org.titansync.plan.RemoveMembership;
import org.titansync.plan.SetRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UpdateUser;

/**
 * Plans the undo of a run from its audit lines alone: memberships removed come back with their
 * roles, roles changed go back, memberships added go, names, emails, external_ids and status go
 * back. Outcomes "done" count; so do intents with no outcome at all (a run killed between sending a
 * write and logging its answer), since Titan is compared before anything is undone: a write that
 * was never made left Titan where the run found it, and needs nothing. For each field and each
 * membership the undo aims at the value before the run's first write and expects the value after
 * its last.
 *
 * <p>Titan is compared first: a value Titan holds that is neither what the run left nor what it
 * found was changed since, by a person or a later run, and is left alone (a note says so); a value
 * already back where the run found it needs nothing. People the run created are kept unless asked
 * ({@code --delete-created}): then their memberships go and they are set inactive, as Titan's API
 * cannot delete a user. Emails that trade places go through the same temporary address as a sync
 * (phase 0). Pure: no I/O; the caller reads the audit log and Titan.
 */
public final class RevertPlanner {

  /**
   * The undo plan, and what it leaves alone and why.
   *
   * @param notes sentences for the report, e.g. a value Titan changed since
   */
  public record Result(Plan plan, List<String> notes) {}

  private static final List<String> FIELDS =
      List.of("external_id", "first_name", "last_name", "email", "status");

  private final Snapshot now;
  private final Map<String, TitanUser> userById = new HashMap<>();
  private final Map<String, TitanUser> userByEmail = new HashMap<>();
  private final Map<String, TitanSite> siteById = new HashMap<>();
  private final Map<String, String> roleName = new HashMap<>();
  private final List<String> notes = new ArrayList<>();

  private RevertPlanner(Snapshot now) {
    this.now = now;
    for (TitanUser u : now.users()) {
      userById.put(u.id(), u);
      userByEmail.putIfAbsent(lower(u.email()), u);
    }
    for (TitanSite s : now.sites()) {
      siteById.put(s.id(), s);
    }
    for (TitanRole r : now.roles()) {
      roleName.put(r.id(), r.name());
    }
  }

  /**
   * Plans the undo of one run.
   *
   * @param runId the run to undo
   * @param audit every entry of the audit log, oldest first (other runs' entries are skipped)
   * @param now Titan as it is now
   * @param deleteCreated also take back the people the run created (memberships removed, account
   *     set inactive)
   */
  public static Result plan(
      String runId, List<AuditEntry> audit, Snapshot now, boolean deleteCreated) {
    return new RevertPlanner(now).run(runId, audit, deleteCreated);
  }

  /** What the run did to one user: per field and per site, where it started and where it ended. */
  private static final class Trace {
    final String userId;
    String externalId;

    /** field -> [value before the run's first write, value after its last]. */
    final Map<String, String[]> fields = new LinkedHashMap<>();

    /** site id -> [roles before (null: not a member), roles after (null: not a member)]. */
    final Map<String, List<Set<String>>> sites = new TreeMap<>();

    Trace(String userId) {
      this.userId = userId;
    }

    void field(String name, String before, String after) {
      String[] span = fields.get(name);
      if (span == null) {
        fields.put(name, new String[] {before, after});
      } else {
        span[1] = after;
      }
    }

    void site(String siteId, Set<String> before, Set<String> after) {
      List<Set<String>> span = sites.get(siteId);
      if (span == null) {
        List<Set<String>> fresh = new ArrayList<>(2);
        fresh.add(before);
        fresh.add(after);
        sites.put(siteId, fresh);
      } else {
        span.set(1, after);
      }
    }
  }

  /** A profile the undo sets back. */
  private static final class ProfileUndo {
    final Trace trace;
    final TitanUser user;
    final Profile after;
    boolean release;

    ProfileUndo(Trace trace, TitanUser user, Profile after) {
      this.trace = trace;
      this.user = user;
      this.after = after;
    }

    boolean movesEmail() {
      return !lower(after.email()).equals(lower(user.email()));
    }
  }

  private Result run(String runId, List<AuditEntry> audit, boolean deleteCreated) {
    Map<String, Trace> traces = new LinkedHashMap<>();
    int lines = 0;
    int keptCreated = 0;
    Set<String> answered = new java.util.HashSet<>();
    for (AuditEntry e : audit) {
      if (runId.equals(e.runId()) && e instanceof AuditEntry.Outcome) {
        answered.add(e.subject().key());
      }
    }
    Map<String, TitanUser> userByExternalId = new HashMap<>();
    for (TitanUser u : now.users()) {
      if (u.externalId() != null) {
        userByExternalId.putIfAbsent(u.externalId(), u);
      }
    }
    Set<String> unanswered = new TreeSet<>();
    for (AuditEntry entry : audit) {
      if (!runId.equals(entry.runId())) {
        continue;
      }
      AuditEntry.Subject line = entry.subject();
      if (entry instanceof AuditEntry.Outcome o && !o.done()) {
        continue;
      }
      if (entry instanceof AuditEntry.Intent) {
        // Only an intent with no outcome counts, once: the run stopped before the answer.
        if (answered.contains(line.key()) || !unanswered.add(line.key())) {
          continue;
        }
      }
      String userId = line.userId();
      if (userId == null && ChangeKind.CREATE.id().equals(line.change())) {
        TitanUser made = userByExternalId.get(line.externalId());
        userId = made == null ? null : made.id();
      }
      if (userId == null) {
        continue;
      }
      lines++;
      Trace t = traces.computeIfAbsent(userId, Trace::new);
      t.externalId = line.externalId();
      String kind = line.change();
      Map<?, ?> before = line.before() == null ? Map.of() : line.before();
      Map<?, ?> after = line.after() == null ? Map.of() : line.after();
      if (ChangeKind.CREATE.id().equals(kind)) {
        if (!deleteCreated) {
          keptCreated++;
          continue;
        }
        if (after.get("memberships") instanceof List<?> ms) {
          for (Object o : ms) {
            Map<?, ?> m = (Map<?, ?>) o;
            t.site(text(m.get("site_id")), null, roles(m.get("role_ids")));
          }
        }
        t.field("status", "inactive", "active");
      } else if (ChangeKind.SET_ROLES.id().equals(kind)) {
        Set<String> was = roles(before.get("role_ids"));
        t.site(siteId(line, kind), was.isEmpty() ? null : was, roles(after.get("role_ids")));
      } else if (ChangeKind.REMOVE_MEMBERSHIP.id().equals(kind)) {
        t.site(siteId(line, kind), roles(before.get("role_ids")), null);
      } else {
        for (String field : FIELDS) {
          if (after.containsKey(field) || before.containsKey(field)) {
            t.field(field, text(before.get(field)), text(after.get(field)));
          }
        }
      }
    }
    if (!unanswered.isEmpty()) {
      notes.add(
          unanswered.size()
              + (unanswered.size() == 1 ? " write" : " writes")
              + " of run "
              + runId
              + (unanswered.size() == 1 ? " has" : " have")
              + " an intent and no outcome in the audit log (the run was stopped): Titan is"
              + " compared to see whether "
              + (unanswered.size() == 1 ? "it" : "they")
              + " took effect.");
    }
    if (lines == 0) {
      notes.add(
          "Run " + runId + " wrote nothing that the audit log records as done: nothing to undo.");
    } else {
      notes.add(
          "Undoes run "
              + runId
              + " from "
              + lines
              + " audit lines (outcome \"done\", or an intent with no outcome).");
    }
    if (keptCreated > 0) {
      notes.add(
          keptCreated
              + (keptCreated == 1 ? " person" : " people")
              + " that run created "
              + (keptCreated == 1 ? "is" : "are")
              + " kept; revert with --delete-created takes their memberships away and sets them"
              + " inactive (Titan's API cannot delete a user).");
    }

    List<Trace> ordered = new ArrayList<>(traces.values());
    ordered.sort(
        Comparator.comparing((Trace t) -> String.valueOf(t.externalId))
            .thenComparing(t -> t.userId));
    Map<String, ProfileUndo> profiles = new LinkedHashMap<>();
    for (Trace t : ordered) {
      TitanUser user = userById.get(t.userId);
      if (user == null) {
        notes.add(who(t, null) + ": no longer in Titan; nothing of it is undone.");
        continue;
      }
      ProfileUndo undo = profileUndo(t, user);
      if (undo != null) {
        profiles.put(t.userId, undo);
      }
    }
    settleEmails(profiles);

    List<Change> releases = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (Trace t : ordered) {
      TitanUser user = userById.get(t.userId);
      if (user == null) {
        continue;
      }
      ProfileUndo undo = profiles.get(t.userId);
      Profile current = user.profile();
      if (undo != null) {
        Profile before = current;
        if (undo.release) {
          before = withEmail(current, releaseAddress(user.id()));
          releases.add(
              new UpdateUser(
                  ChangeKind.RELEASE_EMAIL,
                  user.id(),
                  t.externalId,
                  user.email(),
                  current,
                  before));
        }
        ChangeKind kind =
            before.active() && !undo.after.active() ? ChangeKind.DEACTIVATE : ChangeKind.UPDATE;
        changes.add(
            new UpdateUser(kind, user.id(), t.externalId, user.email(), before, undo.after));
      }
      membershipUndo(t, user, changes);
    }
    Comparator<Change> order =
        Comparator.comparing((Change c) -> String.valueOf(c.externalId()))
            .thenComparing(Change::kind);
    releases.sort(order);
    changes.sort(order);
    List<Change> all = new ArrayList<>(releases);
    all.addAll(changes);
    return new Result(
        new Plan(List.copyOf(all), List.of(), List.of(), stats()), List.copyOf(notes));
  }

  /** The profile to set back, or null when nothing is to change (or Titan changed it since). */
  private ProfileUndo profileUndo(Trace t, TitanUser user) {
    Map<String, String> target = new LinkedHashMap<>();
    List<String> changedSince = new ArrayList<>();
    for (Map.Entry<String, String[]> e : t.fields.entrySet()) {
      String field = e.getKey();
      String was = e.getValue()[0];
      String left = e.getValue()[1];
      String current = value(user, field);
      if (same(field, current, left)) {
        if (!Objects.equals(current, was)) {
          target.put(field, was);
        }
      } else if (!same(field, current, was)) {
        changedSince.add(
            field.replace('_', ' ')
                + " is now "
                + quote(current)
                + ", the run left "
                + quote(left));
      }
    }
    if (!changedSince.isEmpty()) {
      notes.add(
          who(t, user)
              + ": profile left as it is, Titan changed it since ("
              + String.join("; ", changedSince)
              + ").");
      return null;
    }
    if (target.isEmpty()) {
      return null;
    }
    Profile p = user.profile();
    Profile after =
        new Profile(
            target.containsKey("external_id") ? target.get("external_id") : p.externalId(),
            target.getOrDefault("first_name", p.firstName()),
            target.getOrDefault("last_name", p.lastName()),
            target.getOrDefault("email", p.email()),
            target.containsKey("status") ? "active".equals(target.get("status")) : p.active());
    return new ProfileUndo(t, user, after);
  }

  /**
   * Drops the email moves whose address another user keeps (noting why), until none is left; then
   * marks the holders that move away too, so that phase 0 parks their address first.
   */
  private void settleEmails(Map<String, ProfileUndo> profiles) {
    boolean dropped = true;
    while (dropped) {
      dropped = false;
      for (ProfileUndo undo : List.copyOf(profiles.values())) {
        if (!undo.movesEmail()) {
          continue;
        }
        TitanUser holder = userByEmail.get(lower(undo.after.email()));
        if (holder == null || holder.id().equals(undo.user.id())) {
          continue;
        }
        ProfileUndo other = profiles.get(holder.id());
        if (other == null || !other.movesEmail()) {
          profiles.remove(undo.user.id());
          notes.add(
              who(undo.trace, undo.user)
                  + ": profile left as it is, its email before the run (\""
                  + undo.after.email()
                  + "\") now belongs to Titan user "
                  + holder.id()
                  + ".");
          dropped = true;
        }
      }
    }
    for (ProfileUndo undo : profiles.values()) {
      if (!undo.movesEmail()) {
        continue;
      }
      TitanUser holder = userByEmail.get(lower(undo.after.email()));
      if (holder != null && !holder.id().equals(undo.user.id())) {
        profiles.get(holder.id()).release = true;
      }
    }
  }

  private void membershipUndo(Trace t, TitanUser user, List<Change> changes) {
    for (Map.Entry<String, List<Set<String>>> e : t.sites.entrySet()) {
      String siteId = e.getKey();
      Set<String> was = e.getValue().get(0);
      Set<String> left = e.getValue().get(1);
      Set<String> current = user.memberships().get(siteId);
      if (Objects.equals(current, was)) {
        continue; // already as the run found it
      }
      if (!Objects.equals(current, left)) {
        notes.add(
            who(t, user)
                + " at "
                + siteName(siteId)
                + ": roles left as they are, Titan changed them since (now "
                + roleWords(current)
                + ", the run left "
                + roleWords(left)
                + ").");
        continue;
      }
      if (!siteById.containsKey(siteId)) {
        notes.add(who(t, user) + ": site " + siteId + " is no longer in Titan; left as it is.");
        continue;
      }
      if (was == null) {
        changes.add(
            new RemoveMembership(
                user.id(),
                t.externalId,
                user.email(),
                siteId,
                siteName(siteId),
                membership(siteId, current),
                false));
      } else {
        List<String> beforeIds = sorted(current == null ? Set.of() : current);
        changes.add(
            new SetRoles(
                user.id(),
                t.externalId,
                user.email(),
                siteId,
                siteName(siteId),
                beforeIds,
                names(beforeIds),
                membership(siteId, was)));
      }
    }
  }

  private PlanStats stats() {
    Map<String, Integer> bySite = new TreeMap<>();
    for (TitanSite s : now.sites()) {
      bySite.put(s.name(), 0);
    }
    int users = 0;
    int memberships = 0;
    for (TitanUser u : now.users()) {
      if (u.externalId() == null) {
        continue;
      }
      users++;
      memberships += u.memberships().size();
      for (String siteId : u.memberships().keySet()) {
        bySite.merge(siteName(siteId), 1, Integer::sum);
      }
    }
    return new PlanStats(0, 0, users, memberships, Map.copyOf(bySite), Map.of());
  }

  // ---- small words -------------------------------------------------------------------------

  /** The address a sync parks an email on while another user takes it (the planner's format). */
  static String releaseAddress(String userId) {
    return "titansync-release-" + userId + "@release.invalid";
  }

  private static String value(TitanUser u, String field) {
    return switch (field) {
      case "external_id" -> u.externalId();
      case "first_name" -> u.firstName();
      case "last_name" -> u.lastName();
      case "email" -> u.email();
      case "status" -> u.active() ? "active" : "inactive";
      default -> throw new IllegalArgumentException(field);
    };
  }

  private static boolean same(String field, String a, String b) {
    if ("email".equals(field) && a != null && b != null) {
      return a.equalsIgnoreCase(b);
    }
    return Objects.equals(a, b);
  }

  /** The site id of a membership change, from its key {@code kind:external_id:site_id}. */
  private static String siteId(AuditEntry.Subject line, String kind) {
    String key = line.key();
    String prefix = kind + ":" + line.externalId() + ":";
    return key.startsWith(prefix)
        ? key.substring(prefix.length())
        : key.substring(key.lastIndexOf(':') + 1);
  }

  private static Set<String> roles(Object list) {
    Set<String> out = new TreeSet<>();
    if (list instanceof List<?> l) {
      l.forEach(o -> out.add(String.valueOf(o)));
    }
    return Set.copyOf(out);
  }

  private Membership membership(String siteId, Set<String> roleIds) {
    List<String> ids = sorted(roleIds);
    return new Membership(siteId, siteName(siteId), ids, names(ids));
  }

  private List<String> names(List<String> roleIds) {
    List<String> out = new ArrayList<>(roleIds.size());
    roleIds.forEach(id -> out.add(roleName.getOrDefault(id, id)));
    return List.copyOf(out);
  }

  private String roleWords(Set<String> roleIds) {
    return roleIds == null ? "not a member" : String.join(", ", names(sorted(roleIds)));
  }

  private String siteName(String siteId) {
    TitanSite s = siteById.get(siteId);
    return s == null ? siteId : s.name();
  }

  private static List<String> sorted(Set<String> ids) {
    return List.copyOf(new TreeSet<>(ids));
  }

  private static String who(Trace t, TitanUser user) {
    return t.externalId
        + " (Titan user "
        + t.userId
        + (user == null ? "" : ", " + user.email())
        + ")";
  }

  private static Profile withEmail(Profile p, String email) {
    return new Profile(p.externalId(), p.firstName(), p.lastName(), email, p.active());
  }

  private static String text(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  private static String quote(String s) {
    return s == null ? "(none)" : "\"" + s + "\"";
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
