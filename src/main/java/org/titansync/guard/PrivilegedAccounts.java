package org.titansync.guard;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.Confusables;
import org.titansync.plan.CreateUser;
import org.titansync.plan.Membership;
import org.titansync.plan.Plan;
import org.titansync.plan.SetRoles;
import org.titansync.plan.Snapshot;
import org.titansync.plan.TitanRole;
import org.titansync.plan.TitanSite;
import org.titansync.plan.TitanUser;
import org.titansync.plan.UpdateUser;
import org.titansync.plan.VisibleText;

/**
 * What the plan does to the accounts that hold a privileged role in Titan before it, as {@link
 * AccountChecks} judges it: their email changes (whoever owns the new address receives the
 * account's password resets), and the people who gain a privileged role under a name that looks
 * like a holder's. Computed by the run, where Titan's snapshot is known.
 *
 * @param emailChanges each email change of a holder, in plan order
 * @param lookAlikes each person who gains a privileged role with a holder's name (or one that looks
 *     like it), in plan order
 */
public record PrivilegedAccounts(List<EmailChange> emailChanges, List<LookAlike> lookAlikes) {

  /**
   * An account that holds a privileged role in Titan before the plan.
   *
   * @param roles e.g. {@code Superintendent at District Office}
   */
  public record Holder(
      String userId,
      String externalId,
      String firstName,
      String lastName,
      String email,
      List<String> roles) {

    /**
     * {@code Steven Clark (E1029, Titan user u_27 <steven.clark@example.org>)}.
     *
     * @param visibleName the name with every character beyond ASCII written out
     */
    String describe(boolean visibleName) {
      String name = firstName + " " + lastName;
      return (visibleName ? VisibleText.of(name) : name)
          + " ("
          + (externalId == null ? "made by hand" : externalId)
          + ", Titan user "
          + userId
          + " <"
          + VisibleText.of(email)
          + ">)";
    }
  }

  /**
   * A holder's email changed by the plan.
   *
   * @param from the address the account has in Titan
   * @param keys the changes that make it: the update, and the parking of the address of a swap
   */
  public record EmailChange(Holder holder, String from, String to, List<String> keys) {}

  /**
   * A person who gains a privileged role with a name that looks like a holder's and is not the
   * same.
   *
   * @param name the person's name as the plan gives it
   * @param gains e.g. {@code District Admin at District Office}
   * @param keys the changes that grant it
   */
  public record LookAlike(
      String externalId,
      String name,
      String email,
      List<String> gains,
      Holder holder,
      List<String> keys) {}

  public PrivilegedAccounts {
    emailChanges = List.copyOf(emailChanges);
    lookAlikes = List.copyOf(lookAlikes);
  }

  /** Nothing to judge: the run did not know Titan's snapshot, or an undo. */
  public static PrivilegedAccounts none() {
    return new PrivilegedAccounts(List.of(), List.of());
  }

  /** The keys of the changes the account checks concern, for hold_scope = "removals". */
  Set<String> emailChangeKeys() {
    Set<String> keys = new HashSet<>();
    emailChanges.forEach(e -> keys.addAll(e.keys()));
    return keys;
  }

  Set<String> lookAlikeKeys() {
    Set<String> keys = new HashSet<>();
    lookAlikes.forEach(l -> keys.addAll(l.keys()));
    return keys;
  }

  /**
   * Reads what the plan does to privileged accounts. Titan's users are looked at only when the plan
   * changes an email or grants a privileged role; a name's skeleton is asked for only when it
   * grants one.
   *
   * @param confusables what looks alike
   */
  public static PrivilegedAccounts of(
      Snapshot snapshot, Plan plan, PrivilegedRoles privileged, Confusables confusables) {
    Map<String, List<UpdateUser>> emailMoves = new LinkedHashMap<>();
    Map<String, Grant> grants = new LinkedHashMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof UpdateUser u && movesEmail(u)) {
        emailMoves.computeIfAbsent(u.userId(), k -> new ArrayList<>(2)).add(u);
      } else if (c instanceof CreateUser cu) {
        for (Membership m : cu.memberships()) {
          for (String role : privileged.among(m.roleNames())) {
            grants
                .computeIfAbsent("+" + cu.externalId(), k -> new Grant(cu.externalId(), null))
                .add(role + " at " + m.siteName(), c.key(), cu.firstName(), cu.lastName(), c);
          }
        }
      } else if (c instanceof SetRoles s) {
        for (String role : Tally.granted(s, privileged)) {
          grants
              .computeIfAbsent(s.userId(), k -> new Grant(s.externalId(), s.userId()))
              .add(role + " at " + s.siteName(), c.key(), null, null, c);
        }
      }
    }
    if (emailMoves.isEmpty() && grants.isEmpty()) {
      return none(); // the common run: Titan's users are not looked at
    }
    Map<String, Holder> holders = holders(snapshot, privileged);
    return new PrivilegedAccounts(
        emailChanges(emailMoves, holders),
        lookAlikes(snapshot, plan, grants, holders, confusables));
  }

  /** True for a change that gives the account another address (ignoring case). */
  private static boolean movesEmail(UpdateUser u) {
    String before = u.before().email();
    String after = u.after().email();
    return u.kind() != ChangeKind.DEACTIVATE
        && before != null
        && after != null
        && !before.toLowerCase(Locale.ROOT).equals(after.toLowerCase(Locale.ROOT));
  }

  private static List<EmailChange> emailChanges(
      Map<String, List<UpdateUser>> moves, Map<String, Holder> holders) {
    List<EmailChange> out = new ArrayList<>();
    moves.forEach(
        (userId, changes) -> {
          Holder h = holders.get(userId);
          if (h == null) {
            return;
          }
          // A swap parks the address first (release_email): the final address is the update's.
          UpdateUser last = changes.get(changes.size() - 1);
          List<String> keys = new ArrayList<>();
          changes.forEach(u -> keys.add(u.key()));
          out.add(new EmailChange(h, h.email(), last.after().email(), keys));
        });
    return out;
  }

  private static List<LookAlike> lookAlikes(
      Snapshot snapshot,
      Plan plan,
      Map<String, Grant> grants,
      Map<String, Holder> holders,
      Confusables confusables) {
    if (grants.isEmpty() || holders.isEmpty()) {
      return List.of();
    }
    Map<String, TitanUser> users = new HashMap<>();
    for (TitanUser u : snapshot.users()) {
      if (grants.containsKey(u.id())) {
        users.put(u.id(), u);
      }
    }
    Map<String, String[]> renamed = new HashMap<>();
    for (Change c : plan.changes()) {
      if (c instanceof UpdateUser u && u.kind() != ChangeKind.RELEASE_EMAIL) {
        renamed.put(u.userId(), new String[] {u.after().firstName(), u.after().lastName()});
      }
    }
    Map<String, List<Holder>> bySkeleton = new HashMap<>();
    for (Holder h : holders.values()) {
      bySkeleton
          .computeIfAbsent(
              nameSkeleton(h.firstName(), h.lastName(), confusables), k -> new ArrayList<>(1))
          .add(h);
    }
    List<LookAlike> out = new ArrayList<>();
    for (Grant g : grants.values()) {
      String first = g.firstName;
      String last = g.lastName;
      String email = g.email;
      if (g.userId != null) {
        String[] now = renamed.get(g.userId);
        TitanUser u = users.get(g.userId);
        first = now != null ? now[0] : u == null ? null : u.firstName();
        last = now != null ? now[1] : u == null ? null : u.lastName();
      }
      if (first == null || last == null) {
        continue;
      }
      List<Holder> alike = bySkeleton.get(nameSkeleton(first, last, confusables));
      if (alike == null) {
        continue;
      }
      String name = plainName(first, last);
      for (Holder h : alike) {
        // A namesake is no look-alike: districts have many, and the report shows them as they are.
        if (!h.userId().equals(g.userId) && !name.equals(plainName(h.firstName(), h.lastName()))) {
          out.add(new LookAlike(g.externalId, first + " " + last, email, g.gains, h, g.keys));
          break;
        }
      }
    }
    return out;
  }

  private static String nameSkeleton(String first, String last, Confusables confusables) {
    return confusables.skeleton(plainName(first, last));
  }

  /** The name in lower case, composed (NFC), as one line: how two spellings compare as equal. */
  private static String plainName(String first, String last) {
    return Normalizer.normalize(first.strip() + " " + last.strip(), Normalizer.Form.NFC)
        .toLowerCase(Locale.ROOT);
  }

  /** User id -> the account, for every account with a privileged role at one site at least. */
  private static Map<String, Holder> holders(Snapshot snapshot, PrivilegedRoles privileged) {
    Map<String, String> roleNames = new HashMap<>();
    for (TitanRole r : snapshot.roles()) {
      roleNames.put(r.id(), r.name());
    }
    Map<String, String> siteNames = new HashMap<>();
    for (TitanSite s : snapshot.sites()) {
      siteNames.put(s.id(), s.name());
    }
    PrivilegedIds privilegedIds = new PrivilegedIds(snapshot.roles(), privileged);
    Map<String, Holder> out = new HashMap<>();
    for (TitanUser u : snapshot.users()) {
      if (!anyPrivileged(u, privilegedIds)) {
        continue; // most accounts: no privileged role anywhere
      }
      List<String> held = null;
      for (Map.Entry<String, Set<String>> m : new TreeMap<>(u.memberships()).entrySet()) {
        for (String roleId : m.getValue()) {
          String role = roleNames.getOrDefault(roleId, roleId);
          if (privilegedIds.is(roleId)) {
            if (held == null) {
              held = new ArrayList<>(1);
            }
            held.add(role + " at " + siteNames.getOrDefault(m.getKey(), m.getKey()));
          }
        }
      }
      if (held != null) {
        out.put(
            u.id(),
            new Holder(u.id(), u.externalId(), u.firstName(), u.lastName(), u.email(), held));
      }
    }
    return out;
  }

  private static boolean anyPrivileged(TitanUser u, PrivilegedIds privilegedIds) {
    for (Set<String> roles : u.memberships().values()) {
      if (privilegedIds.any(roles)) {
        return true;
      }
    }
    return false;
  }

  /** What one person gains, while the plan is read. */
  private static final class Grant {
    final String externalId;
    final String userId;
    final List<String> gains = new ArrayList<>(1);
    final List<String> keys = new ArrayList<>(1);
    String firstName;
    String lastName;
    String email;

    Grant(String externalId, String userId) {
      this.externalId = externalId;
      this.userId = userId;
    }

    Grant add(String gain, String key, String first, String last, Change c) {
      gains.add(gain);
      if (!keys.contains(key)) {
        keys.add(key);
      }
      if (first != null) {
        firstName = first;
        lastName = last;
      }
      email = c.email();
      return this;
    }
  }
}
