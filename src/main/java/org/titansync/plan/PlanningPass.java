package org.titansync.plan;

import static org.titansync.plan.TitanCatalog.lower;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.titansync.roster.Person;
import org.titansync.roster.Roster;
import org.titansync.roster.RowError;

/**
 * One planning pass: the state the {@link Planner} builds while comparing a roster with Titan. It
 * runs the rules in order, each in its own class: sites and roles ({@link SiteResolver}), matching
 * ({@link PersonMatcher}), look-alike addresses ({@link LookAlikeEmails}), email moves ({@link
 * PersonMatcher}), each person's changes ({@link PersonChanges}, with what titan-sync owns: {@link
 * OwnershipPass}), people gone from the file ({@link AbsentUsers}); then the figures.
 */
final class PlanningPass {

  private final Roster roster;
  private final PlanOptions options;
  private final TitanCatalog catalog;
  private final Protection protection;
  private final SiteResolver siteResolver;
  private final PersonChanges personChanges;
  private final AbsentUsers absentUsers;
  private final LookAlikeEmails lookAlikes;
  private final Map<String, PersonIntent> intentByExternalId;

  /** One intent per file person, sorted by external_id: the order the plan lists people in. */
  private final List<PersonIntent> byExternalId;

  /** Site id -> file people placed there (known sites only), counted in the first half. */
  private final Map<String, int[]> fileBySiteId = new HashMap<>();

  private boolean planned;

  /**
   * The first half of a pass, which needs only the file and Titan's sites and roles: each person's
   * sites and roles resolved, and the people indexed. It can run while Titan's users are still
   * being read.
   */
  PlanningPass(
      Roster roster,
      List<TitanSite> sites,
      List<TitanRole> roles,
      PlanOptions options,
      Confusables confusables) {
    this.roster = roster;
    this.options = options;
    this.lookAlikes = new LookAlikeEmails(confusables);
    this.catalog = new TitanCatalog(sites, roles, options);
    this.protection = new Protection(options, roles);
    int persons = roster.persons().size();
    intentByExternalId = new HashMap<>(capacity(persons));
    Set<String> taintedEmails = new HashSet<>();
    roster.taintedEmails().forEach(e -> taintedEmails.add(lower(e)));
    siteResolver = new SiteResolver(catalog, roster.taintedExternalIds(), taintedEmails);
    personChanges = new PersonChanges(catalog, options);
    absentUsers =
        new AbsentUsers(
            personChanges, protection, options, roster.taintedExternalIds(), taintedEmails);
    List<PersonIntent> intents = new ArrayList<>(persons);
    for (Person person : roster.persons()) {
      PersonIntent intent = siteResolver.resolve(person);
      // The roster merges rows by external_id; should a key still repeat, the first one counts.
      if (intentByExternalId.putIfAbsent(person.externalId(), intent) == null) {
        intents.add(intent);
        for (String siteId : intent.wanted.keySet()) {
          fileBySiteId.computeIfAbsent(siteId, id -> new int[1])[0]++;
        }
      }
    }
    byExternalId = intents;
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
   * @param memory what earlier runs against this Titan left: what titan-sync owns, who is missing
   */
  Plan plan(Snapshot snapshot, UserIndex users, RunMemory memory) {
    if (planned) {
      throw new IllegalStateException("a planning pass plans once");
    }
    planned = true;
    PersonMatcher matcher = new PersonMatcher(options, protection, intentByExternalId, users);
    for (PersonIntent intent : byExternalId) {
      matcher.match(intent);
    }
    lookAlikes.check(byExternalId, snapshot.users());
    matcher.resolveEmails(byExternalId);

    List<Change> releases = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    List<KeptByHand> kept = new ArrayList<>(0);
    OwnershipPass ownership = new OwnershipPass(memory.ownership(), options.membershipScope());
    for (PersonIntent intent : byExternalId) {
      if (!intent.skip) {
        personChanges.plan(
            intent,
            intent.user == null ? null : ownership.ownedFor(intent),
            releases,
            changes,
            kept);
        ownership.name(intent);
      }
    }
    Set<String> leftAlone = matcher.heldByConflict();
    if (!lookAlikes.lookedLike().isEmpty()) {
      leftAlone = new HashSet<>(leftAlone);
      leftAlone.addAll(lookAlikes.lookedLike());
    }
    absentUsers.plan(
        snapshot,
        users,
        intentByExternalId,
        leftAlone,
        matcher.presentManagedUsers(),
        memory,
        changes);

    // Stable sorts: a person's changes keep the kind order they were added in.
    Comparator<Change> byPerson = Comparator.comparing(Change::externalId);
    releases.sort(byPerson);
    changes.sort(byPerson);
    List<Change> all = new ArrayList<>(releases.size() + changes.size());
    all.addAll(releases);
    all.addAll(changes);

    List<RowError> errors = new ArrayList<>(roster.errors());
    List<RowError> siteErrors = new ArrayList<>(siteResolver.errors());
    siteErrors.addAll(lookAlikes.errors());
    siteErrors.sort(Comparator.comparingInt(RowError::line));
    errors.addAll(siteErrors);
    List<Conflict> conflicts = new ArrayList<>(matcher.conflicts());
    conflicts.sort(Comparator.comparing(Conflict::externalId));
    Keeping keeping =
        new Keeping(
            kept,
            absentUsers.withinGrace,
            absentUsers.graceOver,
            absentUsers.missingAfter,
            ownership.delta(snapshot, users, intentByExternalId));
    Map<String, String> names =
        PeopleNames.of(
            all,
            conflicts,
            keeping,
            id -> {
              PersonIntent intent = intentByExternalId.get(id);
              if (intent != null) {
                return PeopleNames.join(intent.person.firstName(), intent.person.lastName());
              }
              TitanUser user = users.byExternalId(id);
              return user == null ? null : PeopleNames.join(user.firstName(), user.lastName());
            });
    return new Plan(
        List.copyOf(all),
        List.copyOf(errors),
        List.copyOf(conflicts),
        stats(snapshot, users),
        keeping,
        names);
  }

  // ---- rule 8: figures ---------------------------------------------------------------------

  private PlanStats stats(Snapshot snapshot, UserIndex users) {
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
}
