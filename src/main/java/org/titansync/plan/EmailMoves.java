package org.titansync.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rules for moving emails between users within one plan, shared by the {@link Planner} (file
 * people who change address, people to create) and the {@link RevertPlanner} (addresses set back).
 * Titan holds each address once, ignoring case, so a mover may take an address only when nobody
 * holds it or its holder moves away in the same plan. Each mover either finds its address free,
 * finds it kept by its holder (blocked), finds it wanted by another mover too (blocked), or finds
 * it held by another mover: then it succeeds exactly when that mover's move succeeds. A cycle of
 * moves (a swap) always succeeds, since phase 0 parks every released address on {@link
 * #releaseAddress} first.
 */
final class EmailMoves {

  /** Where a mover stands while moves are settled (0: not yet looked at). */
  private static final byte VISITING = 1;

  private static final byte FREE = 2;
  private static final byte BLOCKED = 3;

  private EmailMoves() {}

  /**
   * The address a user's email is parked on while another user takes it over (phase 0). One per
   * user, so that parked addresses never collide; {@code .invalid} can never receive mail.
   */
  static String releaseAddress(String userId) {
    return "titansync-release-" + userId + "@release.invalid";
  }

  /** The same profile with another email. */
  static Profile withEmail(Profile profile, String email) {
    return new Profile(
        profile.externalId(), profile.firstName(), profile.lastName(), email, profile.active());
  }

  /**
   * How one move ends.
   *
   * @param <T> the caller's record of a mover
   */
  sealed interface Settled<T> {}

  /**
   * The move can happen.
   *
   * @param releasing the mover that holds the address now and parks it in phase 0; null when nobody
   *     holds it
   */
  record Free<T>(T releasing) implements Settled<T> {}

  /**
   * Blocked: the address belongs to a user who keeps it.
   *
   * @param party that user's own entry in the plan, which does not move; null when it has none
   */
  record KeptByHolder<T>(TitanUser holder, T party) implements Settled<T> {}

  /** Blocked: another mover wants the same address. */
  record Contested<T>() implements Settled<T> {}

  /**
   * Blocked: the address's holder moves too, but its own move is blocked.
   *
   * @param party the holder's mover
   */
  record HolderBlocked<T>(TitanUser holder, T party) implements Settled<T> {}

  /**
   * Settles the moves of one plan. Linear in the number of movers: most are people to create, whose
   * address is free and who hold none that others want.
   *
   * @param movers every entry that needs an address its user does not hold (ignoring case)
   * @param wantedKey the address a mover wants, in lower case
   * @param userIdOf a mover's Titan user id; null for a person to create
   * @param holderOf the Titan user holding an address (lower case) now, or null
   * @param partyOf a Titan user's entry in the plan (a mover or not), or null
   * @return how each move ends, in the order of {@code movers}
   */
  static <T> List<Settled<T>> settle(
      List<T> movers,
      Function<T, String> wantedKey,
      Function<T, String> userIdOf,
      Function<String, TitanUser> holderOf,
      Function<TitanUser, T> partyOf) {
    int n = movers.size();
    Map<String, Integer> moverByUserId = new HashMap<>();
    Map<String, Integer> claims = new HashMap<>(PlanningPass.capacity(n));
    for (int i = 0; i < n; i++) {
      T mover = movers.get(i);
      String userId = userIdOf.apply(mover);
      if (userId != null) {
        moverByUserId.put(userId, i);
      }
      claims.merge(wantedKey.apply(mover), 1, Integer::sum);
    }
    TitanUser[] holders = new TitanUser[n];
    int[] next = new int[n]; // the mover whose address this one wants; -1 for none
    List<Settled<T>> blocked = new ArrayList<>(n); // blocked at its own step, or null
    for (int i = 0; i < n; i++) {
      String want = wantedKey.apply(movers.get(i));
      TitanUser holder = holderOf.apply(want);
      Integer moving = holder != null ? moverByUserId.get(holder.id()) : null;
      holders[i] = holder;
      next[i] = -1;
      Settled<T> own = null;
      if (holder != null && moving == null) {
        own = new KeptByHolder<>(holder, partyOf.apply(holder));
      } else if (claims.get(want) > 1) {
        // Two may not move into one address (the roster normally refuses such a file).
        own = new Contested<>();
      } else if (moving != null) {
        next[i] = moving;
      }
      blocked.add(own);
    }

    byte[] state = new byte[n];
    int[] path = new int[Math.min(n, 16)];
    for (int start = 0; start < n; start++) {
      int length = 0;
      int current = start;
      boolean free;
      while (true) {
        if (state[current] == FREE || state[current] == VISITING) {
          free = true; // VISITING: back on this path, a cycle of moves
          break;
        }
        if (state[current] == BLOCKED) {
          free = false;
          break;
        }
        state[current] = VISITING;
        if (length == path.length) {
          path = Arrays.copyOf(path, length * 2);
        }
        path[length++] = current;
        if (next[current] < 0) {
          free = blocked.get(current) == null;
          break;
        }
        current = next[current];
      }
      for (int i = 0; i < length; i++) {
        state[path[i]] = free ? FREE : BLOCKED;
      }
    }

    List<Settled<T>> settled = new ArrayList<>(n);
    Free<T> nobodyHolds = new Free<>(null);
    for (int i = 0; i < n; i++) {
      T holderMover = next[i] < 0 ? null : movers.get(next[i]);
      if (state[i] == FREE) {
        settled.add(holderMover == null ? nobodyHolds : new Free<>(holderMover));
      } else if (blocked.get(i) != null) {
        settled.add(blocked.get(i));
      } else {
        settled.add(new HolderBlocked<>(holders[i], holderMover));
      }
    }
    return settled;
  }
}
