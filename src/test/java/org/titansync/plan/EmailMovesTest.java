package org.titansync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.titansync.plan.Fixtures.handMade;
import static org.titansync.plan.Fixtures.managed;
import static org.titansync.plan.Fixtures.member;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules both planners use to move addresses between users, on their own. */
class EmailMovesTest {

  /** A user (or, with no user id, a person to create) who wants an address. */
  private record Mover(String userId, String wants) {}

  private final Map<String, TitanUser> holderOf = new HashMap<>();
  private final Map<String, Mover> moverOf = new HashMap<>();

  private TitanUser holds(String userId, String email) {
    TitanUser user = managed(userId, "E-" + userId, email, member("s1", "r1"));
    holderOf.put(email, user);
    return user;
  }

  private Mover mover(String userId, String wants) {
    Mover m = new Mover(userId, wants);
    if (userId != null) {
      moverOf.put(userId, m);
    }
    return m;
  }

  private List<EmailMoves.Settled<Mover>> settle(Mover... movers) {
    return EmailMoves.settle(
        List.of(movers),
        Mover::wants,
        Mover::userId,
        holderOf::get,
        user -> moverOf.get(user.id()));
  }

  @Test
  void aRotationOfThreeGoesWithEveryAddressParkedFirst() {
    holds("u1", "a@x.org");
    holds("u2", "b@x.org");
    holds("u3", "c@x.org");
    Mover one = mover("u1", "b@x.org");
    Mover two = mover("u2", "c@x.org");
    Mover three = mover("u3", "a@x.org");

    assertEquals(
        List.of(
            new EmailMoves.Free<>(two), new EmailMoves.Free<>(three), new EmailMoves.Free<>(one)),
        settle(one, two, three));
  }

  @Test
  void aChainEndingAtAnAddressSomeoneKeepsIsBlockedAllAlong() {
    holds("u1", "a@x.org");
    TitanUser u2 = holds("u2", "b@x.org");
    TitanUser desk = handMade("u9", "desk@x.org", member("s2", "r2"));
    holderOf.put("desk@x.org", desk);
    Mover one = mover("u1", "b@x.org");
    Mover two = mover("u2", "desk@x.org");
    Mover create = mover(null, "new@x.org");

    assertEquals(
        List.of(
            new EmailMoves.HolderBlocked<>(u2, two),
            new EmailMoves.KeptByHolder<Mover>(desk, null),
            new EmailMoves.Free<Mover>(null)),
        settle(one, two, create));
  }

  @Test
  void twoMoversIntoOneFreeAddressAreBothBlocked() {
    Mover create = mover(null, "a@x.org");
    Mover other = mover(null, "a@x.org");

    assertEquals(
        List.of(new EmailMoves.Contested<Mover>(), new EmailMoves.Contested<Mover>()),
        settle(create, other));
  }
}
