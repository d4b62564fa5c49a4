package org.titansync.plan;

import static org.titansync.plan.TitanCatalog.lower;
import static org.titansync.plan.TitanCatalog.sorted;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.RowError;
import org.titansync.roster.SiteAssignment;

/** One planning pass: the state the {@link Planner} builds while comparing a roster with Titan. */
final class PlanningPass {

  /**
   * The address a user's email is parked on while another user takes it over (phase 0). One per
   * user, so that parked addresses never collide; {@code .invalid} can never receive mail.
   */
  static String releaseAddress(String userId) {
    return "titansync-release-" + userId + "@release.invalid";
  }

  private final Roster roster;
  private final PlanOptions options;
  private final TitanCatalog catalog;
  private final Set<String> protectedEmails = new HashSet<>();
  private final Set<String> protectedRoleIds = new HashSet<>();
  private final Protection protection;
  private final Set<String> taintedEmails = new HashSet<>();
  private final Map<String, Intent> intentByExternalId;

  /** One intent per file person, in file order. */
  private final List<Intent> intents;

  /** The same intents sorted by external_id: the order the plan lists people in. */
  private final List<Intent> byExternalId;

  /** Users with another external_id whose email a file person wants: left alone until resolved. */
  private final Set<String> heldByConflict = new HashSet<>();

  private final List<RowError> siteErrors = new ArrayList<>();
  private final List<Conflict> conflicts = new ArrayList<>();

  /** Site id -> file people placed there (known sites only), counted in the first half. */
  private final Map<String, int[]> fileBySiteId = new HashMap<>();

  // Set by plan(): Titan's users.
  private Snapshot snapshot;
  private int presentManagedUsers; // managed users whose external_id a file person has
  private UserIndex users;
  private Map<String, Intent> intentByUserId;
  private boolean planned;

  /**
   * The first half of a pass, which needs only the file and Titan's sites and roles: each person's
   * sites and roles resolved, and the people indexed. It can run while Titan's users are still
   * being read.
   */
  PlanningPass(Roster roster, List<TitanSite> sites, List<TitanRole> roles, PlanOptions options) {
    this.roster = roster;
    this.options = options;
    this.catalog = new TitanCatalog(sites, roles, options);
    this.protection = new Protection(options, roles);
    int persons = roster.persons().size();
    intentByExternalId = new HashMap<>(capacity(persons));
    options.protectedEmails().forEach(e -> protectedEmails.add(lower(e)));
    roster.taintedEmails().forEach(e -> taintedEmails.add(lower(e)));
    for (String name : options.protectedRoles()) {
      TitanRole role = catalog.roleNamed(name);
      if (role != null) {
        protectedRoleIds.add(role.id());
      }
    }
    intents = new ArrayList<>(persons);
    for (Person person : roster.persons()) {
      Intent intent = resolveSites(person);
      // The roster merges rows by external_id; should a key still repeat, the first one counts.
      if (intentByExternalId.putIfAbsent(person.externalId(), intent) == null) {
        intents.add(intent);
        for (String siteId : intent.wanted.keySet()) {
          fileBySiteId.computeIfAbsent(siteId, id -> new int[1])[0]++;
        }
      }
    }
    byExternalId = new ArrayList<>(intents);
    byExternalId.sort(Comparator.comparing(i -> i.person.externalId()));
  }

  /** A map size that holds this many entries without rehashing. */
  static int capacity(int entries) {
    return entries * 4 / 3 + 1;
  }

  /**
   * The second half: matches the people with Titan's users and lists the changes. Once per pass.
   *
   * @param users {@code snapshot.users()}, indexed
   */
  Plan plan(Snapshot snapshot, UserIndex users) {
    if (planned) {
      throw new IllegalStateException("a planning pass plans once");
    }
    planned = true;
    this.snapshot = snapshot;
    this.users = users;
    intentByUserId = new HashMap<>(capacity(Math.min(users.size(), intents.size())));
    for (Intent intent : byExternalId) {
      match(intent);
    }
    resolveEmails(byExternalId);

    List<Change> releases = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (Intent intent : byExternalId) {
      if (!intent.skip) {
        plan(intent, releases, changes);
      }
    }
    planAbsentUsers(changes);

    // Stable sorts: a person's changes keep the kind order they were added in.
    Comparator<Change> byPerson = Comparator.comparing(Change::externalId);
    releases.sort(byPerson);
    changes.sort(byPerson);
    List<Change> all = new ArrayList<>(releases.size() + changes.size());
    all.addAll(releases);
    all.addAll(changes);

    List<RowError> errors = new ArrayList<>(roster.errors());
    siteErrors.sort(Comparator.comparingInt(RowError::line));
    errors.addAll(siteErrors);
    conflicts.sort(Comparator.comparing(Conflict::externalId));
    return new Plan(List.copyOf(all), List.copyOf(errors), List.copyOf(conflicts), stats());
  }

  // ---- rule 1: sites and roles -------------------------------------------------------------

  private Intent resolveSites(Person person) {
    Intent intent = new Intent(person);
    intent.tainted =
        roster.taintedExternalIds().contains(person.externalId())
            || taintedEmails.contains(intent.emailKey);
    for (SiteAssignment assignment : person.sites()) {
      TitanSite site = catalog.site(assignment.siteName());
      if (site == null) {
        siteError(assignment, "site_name", person, unknownSite(assignment.siteName()));
        intent.tainted = true;
        continue;
      }
      if (assignment.roleNames().isEmpty()) {
        siteError(
            assignment,
            "role_names",
            person,
            "no role named for site \"" + assignment.siteName() + "\"");
        intent.tainted = true;
        continue;
      }
      TitanCatalog.RoleIds roles = catalog.roleIds(assignment.roleNames());
      if (!roles.unknown().isEmpty()) {
        siteError(assignment, "role_names", person, unknownRoles(roles.unknown()));
        intent.tainted = true;
        continue;
      }
      intent.want(site.id(), roles.ids());
    }
    return intent;
  }

  private void siteError(SiteAssignment assignment, String field, Person person, String message) {
    siteErrors.add(new RowError(assignment.line(), field, person.externalId(), message));
  }

  private String unknownSite(String name) {
    String alias = catalog.siteAlias(name);
    if (alias != null) {
      return "unknown site \""
          + name
          + "\" (mapped to \""
          + alias
          + "\" under [sites.aliases], which is not in Titan)";
    }
    return "unknown site \"" + name + "\" (not in Titan; add it or map it under [sites.aliases])";
  }

  private String unknownRoles(List<String> names) {
    StringBuilder text = new StringBuilder(names.size() == 1 ? "unknown role " : "unknown roles ");
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      text.append(i > 0 ? ", " : "").append('"').append(name).append('"');
      String mapped = catalog.roleMapping(name);
      if (mapped != null) {
        text.append(" (mapped to \"").append(mapped).append("\")");
      }
    }
    return text.append(" (not in Titan; add it or map it under [roles.map])").toString();
  }

  // ---- rule 2 and 6: matching and protection -----------------------------------------------

  private void match(Intent intent) {
    Person person = intent.person;
    TitanUser byId = users.byExternalId(person.externalId());
    if (byId != null) {
      presentManagedUsers++;
    }
    if (isProtected(intent)) {
      intent.skip = true;
      return;
    }
    if (byId != null) {
      if (isProtected(byId)) {
        intent.skip = true;
        return;
      }
      matched(intent, byId, false);
      return;
    }
    TitanUser holder = users.byEmail(intent.emailKey);
    if (holder == null) {
      planCreate(intent);
      return;
    }
    if (isProtected(holder)) {
      refuse(intent, holder, describeHolder(person.email(), holder, null) + "; not created");
      return;
    }
    if (holder.externalId() == null) {
      if (!options.matchExistingByEmail()) {
        refuse(
            intent,
            holder,
            describeHolder(person.email(), holder, null)
                + "; match_existing_by_email is off, so it is not linked and the person is not"
                + " created");
      } else if (intentByUserId.containsKey(holder.id())) {
        refuse(
            intent,
            holder,
            "email \""
                + person.email()
                + "\" belongs to Titan user "
                + holder.id()
                + ", already linked to "
                + intentByUserId.get(holder.id()).person.externalId()
                + "; not created");
      } else {
        matched(intent, holder, true);
      }
      return;
    }
    Intent holderIntent = intentByExternalId.get(holder.externalId());
    if (holderIntent != null && !holderIntent.emailKey.equals(intent.emailKey)) {
      // The holder leaves this address in the same plan: an email move, settled in resolveEmails.
      planCreate(intent);
      return;
    }
    if (holderIntent == null) {
      // Likely the same human under a new key: leave the old record alone for a person to decide.
      heldByConflict.add(holder.id());
    }
    refuse(
        intent,
        holder,
        "email \""
            + person.email()
            + "\" belongs to Titan user "
            + holder.id()
            + " with another external_id ("
            + holder.externalId()
            + (holderIntent == null ? "); nobody is changed" : "); not created"));
  }

  private void matched(Intent intent, TitanUser user, boolean link) {
    intent.user = user;
    intent.link = link;
    intentByUserId.put(user.id(), intent);
  }

  /** A person with no known site at all is not created: its row errors say why. */
  private static void planCreate(Intent intent) {
    if (intent.wanted.isEmpty()) {
      intent.skip = true;
    }
  }

  private void refuse(Intent intent, TitanUser holder, String message) {
    intent.skip = true;
    conflict(intent, holder, message);
  }

  private void conflict(Intent intent, TitanUser holder, String message) {
    conflicts.add(
        new Conflict(
            intent.person.externalId(),
            intent.person.email(),
            holder != null ? holder.id() : null,
            intent.firstLine,
            message));
  }

  private boolean isProtected(Intent intent) {
    return options.protectedExternalIds().contains(intent.person.externalId())
        || protectedEmails.contains(intent.emailKey);
  }

  /**
   * Protected means untouched: a user protected by external_id, email or a role held at any site
   * gets no change of any kind (profile, email, roles, memberships, deactivation).
   */
  private boolean isProtected(TitanUser user) {
    return protection.covers(user);
  }

  private boolean holdsProtectedRole(Set<String> roleIds) {
    for (String roleId : roleIds) {
      if (protectedRoleIds.contains(roleId)) {
        return true;
      }
    }
    return false;
  }

  // ---- rule 5: email moves -----------------------------------------------------------------

  private static final int UNKNOWN = 0;
  private static final int VISITING = 1;
  private static final int FREE = 2;
  private static final int BLOCKED = 3;

  /**
   * Decides which email changes can happen. Each person who needs an address either finds it free,
   * finds it held by someone who cannot give it up (blocked), or finds it held by another file
   * person who moves too: then it succeeds exactly when that person's move succeeds. A cycle of
   * moves (a swap) always succeeds, since phase 0 parks every released address first.
   */
  private void resolveEmails(List<Intent> intents) {
    List<Intent> movers = new ArrayList<>();
    for (Intent intent : intents) {
      if (intent.skip) {
        continue;
      }
      intent.needsEmail =
          intent.user == null
              || (!intent.user.email().equals(intent.person.email())
                  && !intent.emailKey.equals(lower(intent.user.email())));
      if (intent.needsEmail) {
        movers.add(intent);
      }
    }
    if (movers.isEmpty()) {
      return;
    }
    // How many people want each address a mover wants (the others keep theirs).
    Map<String, Integer> wanted = new HashMap<>(capacity(movers.size()));
    for (Intent intent : movers) {
      wanted.put(intent.emailKey, 0);
    }
    for (Intent intent : intents) {
      if (!intent.skip) {
        wanted.computeIfPresent(intent.emailKey, (key, count) -> count + 1);
      }
    }
    for (Intent intent : movers) {
      String want = intent.emailKey;
      TitanUser holder = users.byEmail(want);
      Intent holderIntent = holder != null ? intentByUserId.get(holder.id()) : null;
      intent.holderUser = holder;
      if (holder != null && (holderIntent == null || !holderIntent.needsEmail)) {
        intent.blockReason = describeHolder(intent.person.email(), holder, holderIntent);
      } else if (wanted.get(want) > 1) {
        // Two people may not move into one address (the roster normally refuses such a file).
        intent.blockReason =
            "email \"" + intent.person.email() + "\" is also wanted by another person in the file";
      } else if (holder != null) {
        intent.holder = holderIntent;
      }
    }

    List<Intent> path = new ArrayList<>();
    for (Intent start : movers) {
      path.clear();
      Intent current = start;
      boolean free;
      while (true) {
        if (current.state == FREE || current.state == VISITING) {
          free = true; // VISITING: back on this path, a cycle of moves
          break;
        }
        if (current.state == BLOCKED) {
          free = false;
          break;
        }
        current.state = VISITING;
        path.add(current);
        if (current.holder == null) {
          free = current.blockReason == null;
          break;
        }
        current = current.holder;
      }
      for (Intent intent : path) {
        intent.state = free ? FREE : BLOCKED;
        if (!free && intent.blockReason == null) {
          intent.blockReason =
              "email \""
                  + intent.person.email()
                  + "\" belongs to Titan user "
                  + intent.holderUser.id()
                  + " ("
                  + intent.holder.person.externalId()
                  + "), whose own email change is blocked";
        }
      }
    }

    for (Intent intent : movers) {
      if (intent.state == BLOCKED) {
        if (intent.user == null) {
          refuse(intent, intent.holderUser, intent.blockReason + "; not created");
        } else {
          conflict(intent, intent.holderUser, intent.blockReason + "; the email is left unchanged");
        }
      } else if (intent.holder != null) {
        intent.holder.release = true;
      }
    }
  }

  private String describeHolder(String email, TitanUser holder, Intent holderIntent) {
    String start = "email \"" + email + "\" belongs to ";
    if (isProtected(holder)) {
      return start + "protected Titan user " + holder.id();
    }
    if (holder.externalId() == null) {
      return start + "Titan user " + holder.id() + ", made by hand (no external_id)";
    }
    return start
        + "Titan user "
        + holder.id()
        + " ("
        + holder.externalId()
        + (holderIntent == null ? "), who is not in the file" : "), who keeps it");
  }

  // ---- rule 3 and 4: the changes -----------------------------------------------------------

  private void plan(Intent intent, List<Change> releases, List<Change> changes) {
    Person person = intent.person;
    String externalId = person.externalId();
    String email = person.email();
    if (intent.user == null) {
      List<Membership> memberships = new ArrayList<>(intent.wanted.size());
      intent.wanted.forEach(
          (siteId, roleIds) -> memberships.add(catalog.membership(siteId, roleIds)));
      changes.add(
          new CreateUser(
              externalId,
              person.firstName(),
              person.lastName(),
              email,
              List.copyOf(memberships),
              List.copyOf(person.lines())));
      return;
    }

    TitanUser user = intent.user;
    String finalEmail = intent.state == BLOCKED ? user.email() : email;
    if (intent.release || intent.link || !sameProfile(user, person, finalEmail)) {
      Profile current = user.profile();
      Profile before = current;
      if (intent.release) {
        before = withEmail(current, releaseAddress(user.id()));
        releases.add(
            new UpdateUser(
                ChangeKind.RELEASE_EMAIL, user.id(), externalId, email, current, before));
      }
      Profile after =
          new Profile(externalId, person.firstName(), person.lastName(), finalEmail, true);
      if (intent.link || !after.equals(before)) {
        changes.add(
            new UpdateUser(
                intent.link ? ChangeKind.LINK : ChangeKind.UPDATE,
                user.id(),
                externalId,
                email,
                before,
                after));
      }
    }

    Map<String, Set<String>> held = user.memberships();
    for (Map.Entry<String, Set<String>> site : intent.wanted.entrySet()) {
      String siteId = site.getKey();
      Set<String> heldRoles = held.getOrDefault(siteId, Set.of());
      Set<String> target = site.getValue();
      if (holdsProtectedRole(heldRoles)) {
        target = new HashSet<>(target);
        for (String roleId : heldRoles) {
          if (protectedRoleIds.contains(roleId)) {
            target.add(roleId); // a protected role is never taken away
          }
        }
      }
      if (!target.equals(heldRoles)) {
        List<String> beforeIds = sorted(heldRoles);
        changes.add(
            new SetRoles(
                user.id(),
                externalId,
                email,
                siteId,
                catalog.siteName(siteId),
                beforeIds,
                catalog.roleNames(beforeIds),
                catalog.membership(siteId, target)));
      }
    }

    if (!intent.tainted) {
      List<String> left = new ArrayList<>(0);
      for (String siteId : held.keySet()) {
        if (!intent.wanted.containsKey(siteId)) {
          left.add(siteId);
        }
      }
      left.sort(null);
      for (String siteId : left) {
        removeMembership(user, externalId, email, siteId, false, changes);
      }
    }
  }

  private void planAbsentUsers(List<Change> changes) {
    if (presentManagedUsers == users.managedUsers()) {
      return; // every managed user is someone in the file: nobody is absent
    }
    for (TitanUser user : snapshot.users()) {
      String externalId = user.externalId();
      if (externalId == null
          || intentByExternalId.containsKey(externalId)
          || isProtected(user)
          || heldByConflict.contains(user.id())
          || roster.taintedExternalIds().contains(externalId)
          || (!taintedEmails.isEmpty() && taintedEmails.contains(lower(user.email())))) {
        continue;
      }
      for (String siteId : sorted(user.memberships().keySet())) {
        removeMembership(user, externalId, user.email(), siteId, true, changes);
      }
      if (options.deactivateMissing() && user.active()) {
        Profile current = user.profile();
        changes.add(
            new UpdateUser(
                ChangeKind.DEACTIVATE,
                user.id(),
                externalId,
                user.email(),
                current,
                new Profile(externalId, user.firstName(), user.lastName(), user.email(), false)));
      }
    }
  }

  private void removeMembership(
      TitanUser user,
      String externalId,
      String email,
      String siteId,
      boolean personGone,
      List<Change> changes) {
    Set<String> roleIds = user.memberships().get(siteId);
    if (holdsProtectedRole(roleIds)) {
      return;
    }
    changes.add(
        new RemoveMembership(
            user.id(),
            externalId,
            email,
            siteId,
            catalog.siteName(siteId),
            catalog.membership(siteId, roleIds),
            personGone));
  }

  /** Whether the user's profile is already the one the file asks for (most are). */
  private static boolean sameProfile(TitanUser user, Person person, String email) {
    return user.active()
        && Objects.equals(user.externalId(), person.externalId())
        && Objects.equals(user.firstName(), person.firstName())
        && Objects.equals(user.lastName(), person.lastName())
        && Objects.equals(user.email(), email);
  }

  private static Profile withEmail(Profile profile, String email) {
    return new Profile(
        profile.externalId(), profile.firstName(), profile.lastName(), email, profile.active());
  }

  // ---- rule 8: figures ---------------------------------------------------------------------

  private PlanStats stats() {
    Map<String, Integer> managedBySite = new TreeMap<>();
    Map<String, Integer> fileBySite = new TreeMap<>();
    for (TitanSite site : snapshot.sites()) {
      managedBySite.put(site.name(), 0);
      fileBySite.put(site.name(), 0);
    }
    users
        .managedBySiteId()
        .forEach((id, n) -> managedBySite.merge(catalog.siteName(id), n, Integer::sum));
    fileBySiteId.forEach((id, n) -> fileBySite.merge(catalog.siteName(id), n[0], Integer::sum));
    return new PlanStats(
        roster.dataRows(),
        roster.persons().size(),
        users.managedUsers(),
        users.managedMemberships(),
        Collections.unmodifiableMap(managedBySite),
        Collections.unmodifiableMap(fileBySite));
  }

  /** What the planner decided for one file person. */
  private static final class Intent {
    final Person person;
    final int firstLine;

    /** The file's email, lower case: the key Titan's uniqueness uses. */
    final String emailKey;

    /**
     * Titan site id -> role ids the file wants there (known sites and roles only), in site id
     * order. Most people have one site: a one-entry map of shared sets until a second one comes.
     */
    Map<String, Set<String>> wanted = Map.of();

    /** A bad row, unknown site or unknown role: this person loses nothing in this run. */
    boolean tainted;

    /** Nothing is planned (protected, refused, or a create with no known site). */
    boolean skip;

    /** The matched Titan user; null for a person to create. */
    TitanUser user;

    /** The user is a hand-made account this run links by email. */
    boolean link;

    /** The person needs an address their user does not hold (case-insensitively). */
    boolean needsEmail;

    /** The user holding the wanted address now, if any. */
    TitanUser holderUser;

    /** The file person whose user holds the wanted address and moves too. */
    Intent holder;

    String blockReason;
    int state = UNKNOWN;

    /** Another person takes this user's address: park it in phase 0. */
    boolean release;

    void want(String siteId, Set<String> roleIds) {
      if (wanted.isEmpty()) {
        wanted = Map.of(siteId, roleIds);
      } else {
        wantAnother(siteId, roleIds); // kept apart: the common case stays small to compile
      }
    }

    private void wantAnother(String siteId, Set<String> roleIds) {
      if (!(wanted instanceof TreeMap)) {
        wanted = new TreeMap<>(wanted);
      }
      // Two file names (an alias and a code, say) may mean one Titan site: their roles add up.
      wanted.merge(
          siteId,
          roleIds,
          (held, more) -> {
            Set<String> union = new HashSet<>(held);
            union.addAll(more);
            return union;
          });
    }

    Intent(Person person) {
      this.person = person;
      this.emailKey = lower(person.email());
      this.firstLine = person.lines().isEmpty() ? 0 : Collections.min(person.lines());
    }
  }
}
