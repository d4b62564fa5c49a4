package org.titansync.plan;

import static org.titansync.plan.TitanCatalog.sorted;

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
import org.titansync.plan.PastWrite.ProfileField;

/**
 * Plans the undo of a run from its audit lines alone ({@link PastWrite}s, read by the shell):
 * memberships removed come back with their roles, roles changed go back, memberships added go,
 * names, emails, external_ids and status go back. For each field and each membership the undo aims
 * at the value before the run's first write and expects the value after its last ({@link
 * RunFootprint}).
 *
 * <p>Titan is compared first: a value Titan holds that is neither what the run left nor what it
 * found was changed since, by a person or a later run, and is left alone (a note says so); a value
 * already back where the run found it needs nothing. People the run created are kept unless asked
 * ({@code --delete-created}): then their memberships go and they are set inactive, as Titan's API
 * cannot delete a user. A user protected now is left untouched. Emails go back by the planner's own
 * rules ({@link EmailMoves}): an address another user keeps is a conflict, noted, never
 * overwritten; emails that trade places go through the same temporary address as a sync (phase 0).
 * Pure: no I/O; the caller reads the audit log and Titan.
 */
public final class RevertPlanner {

  /**
   * The undo plan, and what it leaves alone and why.
   *
   * @param notes sentences for the report, e.g. a value Titan changed since
   */
  public record Result(Plan plan, List<String> notes) {}

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
   * @param lines that run's audit lines, oldest first
   * @param now Titan as it is now
   * @param protection who is protected now: nothing of theirs is undone
   * @param deleteCreated also take back the people the run created (memberships removed, account
   *     set inactive)
   */
  public static Result plan(
      String runId,
      List<PastWrite> lines,
      Snapshot now,
      Protection protection,
      boolean deleteCreated) {
    return new RevertPlanner(now).run(runId, lines, protection, deleteCreated);
  }

  /** A profile the undo sets back. */
  private static final class ProfileUndo {
    final RunFootprint.UserTrace trace;
    final TitanUser user;
    final Profile after;
    boolean release;

    ProfileUndo(RunFootprint.UserTrace trace, TitanUser user, Profile after) {
      this.trace = trace;
      this.user = user;
      this.after = after;
    }

    boolean movesEmail() {
      return !lower(after.email()).equals(lower(user.email()));
    }
  }

  private Result run(
      String runId, List<PastWrite> lines, Protection protection, boolean deleteCreated) {
    List<RunFootprint.UserTrace> traces =
        RunFootprint.of(runId, lines, now, deleteCreated, notes).traces();
    Map<String, ProfileUndo> profiles = new LinkedHashMap<>();
    Set<String> protectedNow = new TreeSet<>();
    for (RunFootprint.UserTrace t : traces) {
      TitanUser user = userById.get(t.userId);
      if (user == null) {
        notes.add(who(t, null) + ": no longer in Titan; nothing of it is undone.");
        continue;
      }
      ProfileUndo undo = profileUndo(t, user);
      if (protection.covers(user)) {
        // Protected means untouched, by an undo too; so it keeps its address for everyone else.
        boolean undoes = !membershipUndo(t, user, new ArrayList<>()).isEmpty() || undo != null;
        if (undoes) {
          protectedNow.add(t.externalId + " (" + user.email() + ")");
        }
      } else if (undo != null) {
        profiles.put(t.userId, undo);
      }
    }
    protectedNow.forEach(who -> notes.add(who + ": protected now, so nothing of it is undone."));
    settleEmails(profiles);

    List<Change> releases = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (RunFootprint.UserTrace t : traces) {
      TitanUser user = userById.get(t.userId);
      if (user == null || protection.covers(user)) {
        continue;
      }
      ProfileUndo undo = profiles.get(t.userId);
      Profile current = user.profile();
      if (undo != null) {
        Profile before = current;
        if (undo.release) {
          before = EmailMoves.withEmail(current, EmailMoves.releaseAddress(user.id()));
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
    Map<String, String> byExternalId = new HashMap<>();
    for (TitanUser u : now.users()) {
      if (u.externalId() != null) {
        byExternalId.putIfAbsent(u.externalId(), PeopleNames.join(u.firstName(), u.lastName()));
      }
    }
    return new Result(
        new Plan(
            List.copyOf(all),
            List.of(),
            List.of(),
            stats(),
            Keeping.NONE,
            PeopleNames.of(all, List.of(), byExternalId::get)),
        List.copyOf(notes));
  }

  /** The profile to set back, or null when nothing is to change (or Titan changed it since). */
  private ProfileUndo profileUndo(RunFootprint.UserTrace t, TitanUser user) {
    Map<ProfileField, String> target = new LinkedHashMap<>();
    List<String> changedSince = new ArrayList<>();
    for (Map.Entry<ProfileField, String[]> e : t.fields.entrySet()) {
      ProfileField field = e.getKey();
      String was = e.getValue()[0];
      String left = e.getValue()[1];
      String current = value(user, field);
      if (same(field, current, left)) {
        if (!Objects.equals(current, was)) {
          target.put(field, was);
        }
      } else if (!same(field, current, was)) {
        changedSince.add(
            field.id().replace('_', ' ')
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
            target.containsKey(ProfileField.EXTERNAL_ID)
                ? target.get(ProfileField.EXTERNAL_ID)
                : p.externalId(),
            target.getOrDefault(ProfileField.FIRST_NAME, p.firstName()),
            target.getOrDefault(ProfileField.LAST_NAME, p.lastName()),
            target.getOrDefault(ProfileField.EMAIL, p.email()),
            target.containsKey(ProfileField.STATUS)
                ? "active".equals(target.get(ProfileField.STATUS))
                : p.active());
    return new ProfileUndo(t, user, after);
  }

  /**
   * Drops the undos whose email cannot go back (its address is kept by another user, or only moves
   * behind such an address), noting why, and marks the holders that move away, so that phase 0
   * parks their address first.
   */
  private void settleEmails(Map<String, ProfileUndo> profiles) {
    List<ProfileUndo> movers = new ArrayList<>();
    for (ProfileUndo undo : profiles.values()) {
      if (undo.movesEmail()) {
        movers.add(undo);
      }
    }
    if (movers.isEmpty()) {
      return;
    }
    List<EmailMoves.Settled<ProfileUndo>> settled =
        EmailMoves.settle(
            movers,
            undo -> lower(undo.after.email()),
            undo -> undo.user.id(),
            userByEmail::get,
            holder -> profiles.get(holder.id()));
    for (int i = 0; i < movers.size(); i++) {
      ProfileUndo undo = movers.get(i);
      EmailMoves.Settled<ProfileUndo> move = settled.get(i);
      if (move instanceof EmailMoves.Free<ProfileUndo> free) {
        if (free.releasing() != null) {
          free.releasing().release = true;
        }
        continue;
      }
      profiles.remove(undo.user.id());
      String why;
      if (move instanceof EmailMoves.KeptByHolder<ProfileUndo> kept) {
        why = "now belongs to Titan user " + kept.holder().id();
      } else if (move instanceof EmailMoves.HolderBlocked<ProfileUndo> behind) {
        why = "now belongs to Titan user " + behind.holder().id();
      } else {
        why = "is also the one another undo sets back";
      }
      notes.add(
          who(undo.trace, undo.user)
              + ": profile left as it is, its email before the run (\""
              + undo.after.email()
              + "\") "
              + why
              + ".");
    }
  }

  /** Adds the membership changes that undo the run's for this user, and returns the list. */
  private List<Change> membershipUndo(
      RunFootprint.UserTrace t, TitanUser user, List<Change> changes) {
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
    return changes;
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

  private static String value(TitanUser u, ProfileField field) {
    return switch (field) {
      case EXTERNAL_ID -> u.externalId();
      case FIRST_NAME -> u.firstName();
      case LAST_NAME -> u.lastName();
      case EMAIL -> u.email();
      case STATUS -> u.active() ? "active" : "inactive";
    };
  }

  private static boolean same(ProfileField field, String a, String b) {
    if (field == ProfileField.EMAIL && a != null && b != null) {
      return a.equalsIgnoreCase(b);
    }
    return Objects.equals(a, b);
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

  /** Lower case for comparing emails; "" for none. */
  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static String who(RunFootprint.UserTrace t, TitanUser user) {
    return t.externalId
        + " (Titan user "
        + t.userId
        + (user == null ? "" : ", " + user.email())
        + ")";
  }

  private static String quote(String s) {
    return s == null ? "(none)" : "\"" + s + "\"";
  }
}
