package org.titansync.plan;

import static org.titansync.plan.TitanCatalog.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.titansync.roster.Person;

/**
 * Rules 2, 5 and 6: who in Titan each file person is (matching and protection), and which email
 * changes can happen (email moves). What it cannot settle becomes a {@link Conflict}: the person is
 * refused, or keeps their address.
 */
final class PersonMatcher {
  private final PlanOptions options;
  private final Protection protection;
  private final Set<String> protectedEmails = new HashSet<>();
  private final Map<String, PersonIntent> intentByExternalId;
  private final UserIndex users;
  private final Map<String, PersonIntent> intentByUserId;

  /** Users with another external_id whose email a file person wants: left alone until resolved. */
  private final Set<String> heldByConflict = new HashSet<>();

  private final List<Conflict> conflicts = new ArrayList<>();
  private int presentManagedUsers;

  /**
   * @param intentByExternalId every file person's intent
   * @param users Titan's users, indexed
   */
  PersonMatcher(
      PlanOptions options,
      Protection protection,
      Map<String, PersonIntent> intentByExternalId,
      UserIndex users) {
    this.options = options;
    this.protection = protection;
    this.intentByExternalId = intentByExternalId;
    this.users = users;
    options.protectedEmails().forEach(e -> protectedEmails.add(lower(e)));
    intentByUserId =
        new HashMap<>(PlanningPass.capacity(Math.min(users.size(), intentByExternalId.size())));
  }

  /** Managed users whose external_id a file person has. */
  int presentManagedUsers() {
    return presentManagedUsers;
  }

  /** Ids of users left alone because a file person's email conflicts with theirs. */
  Set<String> heldByConflict() {
    return heldByConflict;
  }

  List<Conflict> conflicts() {
    return conflicts;
  }

  // ---- rule 2 and 6: matching and protection -----------------------------------------------

  /** Finds the person's Titan user, or decides to create them, or refuses. */
  void match(PersonIntent intent) {
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
      if (protection.covers(byId)) {
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
    if (protection.covers(holder)) {
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
    PersonIntent holderIntent = intentByExternalId.get(holder.externalId());
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

  private void matched(PersonIntent intent, TitanUser user, boolean link) {
    intent.user = user;
    intent.link = link;
    intentByUserId.put(user.id(), intent);
  }

  /** A person with no known site at all is not created: its row errors say why. */
  private static void planCreate(PersonIntent intent) {
    if (intent.wanted.isEmpty()) {
      intent.skip = true;
      intent.unplaced = true;
    }
  }

  private void refuse(PersonIntent intent, TitanUser holder, String message) {
    intent.skip = true;
    conflict(intent, holder, message);
  }

  private void conflict(PersonIntent intent, TitanUser holder, String message) {
    conflicts.add(
        new Conflict(
            intent.person.externalId(),
            intent.person.email(),
            holder != null ? holder.id() : null,
            intent.firstLine,
            message));
  }

  private boolean isProtected(PersonIntent intent) {
    return options.protectedExternalIds().contains(intent.person.externalId())
        || protectedEmails.contains(intent.emailKey);
  }

  // ---- rule 5: email moves -----------------------------------------------------------------

  /**
   * Decides which email changes can happen ({@link EmailMoves}): a blocked create is refused, a
   * blocked user keeps its address (the rest of its changes still plan), and the holder of an
   * address someone takes parks it in phase 0.
   *
   * @param intents every intent, in plan order
   */
  void resolveEmails(List<PersonIntent> intents) {
    List<PersonIntent> movers = new ArrayList<>();
    for (PersonIntent intent : intents) {
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
    List<EmailMoves.Settled<PersonIntent>> settled =
        EmailMoves.settle(
            movers,
            i -> i.emailKey,
            i -> i.user != null ? i.user.id() : null,
            users::byEmail,
            holder -> intentByUserId.get(holder.id()));
    for (int i = 0; i < movers.size(); i++) {
      PersonIntent intent = movers.get(i);
      EmailMoves.Settled<PersonIntent> move = settled.get(i);
      if (move instanceof EmailMoves.Free<PersonIntent> free) {
        if (free.releasing() != null) {
          free.releasing().release = true;
        }
        continue;
      }
      intent.emailBlocked = true;
      TitanUser holder;
      String reason;
      if (move instanceof EmailMoves.KeptByHolder<PersonIntent> kept) {
        holder = kept.holder();
        reason = describeHolder(intent.person.email(), holder, kept.party());
      } else if (move instanceof EmailMoves.HolderBlocked<PersonIntent> behind) {
        holder = behind.holder();
        reason =
            "email \""
                + intent.person.email()
                + "\" belongs to Titan user "
                + holder.id()
                + " ("
                + behind.party().person.externalId()
                + "), whose own email change is blocked";
      } else {
        holder = users.byEmail(intent.emailKey);
        reason =
            "email \"" + intent.person.email() + "\" is also wanted by another person in the file";
      }
      if (intent.user == null) {
        refuse(intent, holder, reason + "; not created");
      } else {
        conflict(intent, holder, reason + "; the email is left unchanged");
      }
    }
  }

  private String describeHolder(String email, TitanUser holder, PersonIntent holderIntent) {
    String start = "email \"" + email + "\" belongs to ";
    if (protection.covers(holder)) {
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
}
