package org.titansync.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One district's view as the {@code master:} routes see it: led here only while camel-zookeeper's
 * election for the district says so, the connection is up, and the district is not being given up.
 * The election itself stays camel-zookeeper's; this view only decides when the routes are told.
 *
 * <p>Why no two processes lead a district at once: ZooKeeper's election grants leadership to one
 * candidate at a time, and the next candidate is granted it only once this process's candidacy is
 * gone from the ensemble (its node deleted, or its session expired). This view tells its routes
 * "not leader", and the {@code master:} consumer stops them, on {@link ZooKeeperFairShare}'s thread
 * <em>before</em> that same thread withdraws the candidacy; and it tells them "leader" only while
 * the election says this process holds it. A connection SUSPENDED also drops "leader" at once, well
 * before the session can expire (CAMEL-24457).
 *
 * <p>Why not camel-zookeeper's view alone: when its view stops, 4.17.0 tells its listeners while
 * Curator still says this process leads, so a {@code master:} route stays up while the next process
 * starts it too; and a view started again too soon is not queued again (Curator's requeue does
 * nothing while the old candidacy is still winding down). Here the inner view's events only prompt
 * a fresh look; what counts is read from the election itself, and a candidacy that went missing is
 * put back.
 *
 * <p>Every change of state runs on the fair share's single thread; the getters read volatiles.
 */
final class ZooKeeperShareView extends AbstractCamelClusterView {
  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperShareView.class);

  private final ZooKeeperFairShare share;
  private final LocalMember local = new LocalMember();
  private final CamelClusterEventListener.Leadership prompt;

  /** camel-zookeeper's view of this namespace, retained for as long as this view lives. */
  private volatile CamelClusterView inner;

  /** Whether routes use this view (it is started). */
  private volatile boolean wanted;

  /** Whether this view tells its routes they lead. */
  private volatile boolean led;

  /** When this view last told its routes they lead (nanos). */
  private volatile long ledSince;

  /** The leader's id at the last look, null when none was seen. */
  private volatile String leaderSeen;

  // Owned by the fair share's thread.
  private boolean candidate;
  private boolean givenUp;
  private long outSince;
  private long joinedAt;
  private long unwantedSince;

  ZooKeeperShareView(ZooKeeperFairShare share, String namespace) {
    super(share, namespace);
    this.share = share;
    this.prompt = (view, leader) -> share.settleSoon(this);
  }

  @Override
  protected void doStart() {
    wanted = true;
    share.settleSoon(this);
  }

  @Override
  protected void doStop() {
    wanted = false;
    share.settleSoon(this);
  }

  @Override
  public CamelClusterMember getLocalMember() {
    return local;
  }

  @Override
  public Optional<CamelClusterMember> getLeader() {
    if (local.isLeader()) {
      return Optional.of(local);
    }
    String id = leaderSeen;
    if (id == null || id.equals(share.getId())) {
      return Optional.empty();
    }
    return Optional.of(new OtherMember(id, true));
  }

  @Override
  public List<CamelClusterMember> getMembers() {
    List<CamelClusterMember> members = new ArrayList<>();
    if (inner != null) {
      String leader = leaderSeen;
      for (CamelClusterMember member : inner.getMembers()) {
        members.add(
            member.isLocal()
                ? local
                : new OtherMember(member.getId(), member.getId().equals(leader)));
      }
    }
    return members;
  }

  /** The leader's id at the last look, without asking ZooKeeper. */
  Optional<String> leaderSeen() {
    return led ? Optional.of(share.getId()) : Optional.ofNullable(leaderSeen);
  }

  boolean wanted() {
    return wanted;
  }

  boolean led() {
    return led;
  }

  /**
   * Whether the district has been led here for at least {@code hold} nanos, so that it may be given
   * up: camel-master 4.17.0 starts a route's consumer a second after it is told it leads, on a
   * thread of its own, and a "not leader" told before that start finds no consumer to stop and is
   * lost; the consumer then starts and runs beside the next leader's.
   */
  boolean settled(long now, long hold) {
    return led && now - ledSince >= hold;
  }

  // ---- on the fair share's thread only ----

  /**
   * Brings what the routes are told in line with the election, and joins or leaves it: leaves once
   * no route has used the view for {@code grace} nanos (the {@code master:} consumer lets its view
   * go before it stops its route, so leaving at once could hand the district over while the route
   * here still runs), joins again when wanted and when a district given up has found another leader
   * or waited {@code rejoinAfter} nanos.
   */
  void settle(long now, boolean connected, long grace, long rejoinAfter) throws Exception {
    if (inner == null && wanted) {
      inner = share.delegate().getView(getNamespace());
      inner.addEventListener(prompt);
      candidate = true;
      joinedAt = now;
    }
    if (inner == null) {
      return;
    }
    boolean electedHere = candidate && inner.getLocalMember().isLeader();
    tell(wanted && candidate && connected && electedHere);
    if (wanted) {
      unwantedSince = 0;
    } else if (unwantedSince == 0) {
      unwantedSince = now;
    }
    if (candidate && !wanted && now - unwantedSince >= grace) {
      withdraw();
      givenUp = false;
    } else if (!candidate && wanted && !inner.getLocalMember().isLeader()) {
      boolean othersHadTheirChance =
          !givenUp
              || now - outSince >= rejoinAfter
              || (leaderSeen != null && !leaderSeen.equals(share.getId()));
      if (othersHadTheirChance) {
        share.delegate().startView(getNamespace());
        candidate = true;
        givenUp = false;
        joinedAt = now;
      }
    }
  }

  /** Gives the district up: the routes are told first, then the candidacy is withdrawn. */
  void giveUp(long now) throws Exception {
    if (!candidate) {
      return;
    }
    tell(false);
    withdraw();
    givenUp = true;
    outSince = now;
    leaderSeen = null;
  }

  /**
   * One look at the election: asks ZooKeeper, so it runs on the fair share's looking thread, never
   * on the thread that tells the routes (a read can block while the connection is down, and a "not
   * leader" must not wait behind it).
   */
  Optional<FairShare.Election> readElection() {
    CamelClusterView election = inner;
    if (election == null || !wanted) {
      return Optional.empty();
    }
    try {
      // In the order of the election (Curator's lock queue): the first holds the lock, so leads.
      // Read from the members, not getLeader(): camel-zookeeper's view answers none while stopped,
      // and a district given up here must still see who took it.
      List<String> queue = election.getMembers().stream().map(CamelClusterMember::getId).toList();
      Optional<String> leader = queue.stream().findFirst();
      leaderSeen = leader.orElse(null);
      return Optional.of(new FairShare.Election(getNamespace(), leader, queue));
    } catch (RuntimeException e) {
      LOG.debug("{}: no look at the election: {}", getNamespace(), e.toString());
      return Optional.empty();
    }
  }

  /**
   * After a look: a candidacy that went missing is put back (one lost with the session, or a start
   * that Curator did not queue); never while this process may lead, since standing again interrupts
   * a leadership.
   */
  void standAgainIfMissing(FairShare.Election seen, long now, long missingFor) throws Exception {
    boolean missing =
        candidate
            && wanted
            && !led
            && !inner.getLocalMember().isLeader()
            && !seen.queue().contains(share.getId());
    if (missing && now - joinedAt >= missingFor) {
      LOG.debug("{}: no candidacy here in the election, joining it again", getNamespace());
      share.delegate().stopView(getNamespace());
      share.delegate().startView(getNamespace());
      joinedAt = now;
    }
  }

  /** Leaves for good, when the service stops: routes told first. */
  void leave() throws Exception {
    tell(false);
    if (candidate) {
      withdraw();
    }
  }

  private void tell(boolean lead) {
    if (lead != led) {
      led = lead;
      ledSince = System.nanoTime();
      LOG.debug("{}: {}", getNamespace(), lead ? "led here" : "not led here");
      // The master: consumer starts or stops its route within this call.
      fireLeadershipChangedEvent(lead ? local : null);
    }
  }

  private void withdraw() throws Exception {
    candidate = false;
    share.delegate().stopView(getNamespace());
  }

  private final class LocalMember implements CamelClusterMember {
    @Override
    public boolean isLeader() {
      // The connection is asked here too, so that a route started again meanwhile (as the
      // connection guard does) is never told it leads before the worker caught up.
      return led && wanted && share.connected();
    }

    @Override
    public boolean isLocal() {
      return true;
    }

    @Override
    public String getId() {
      return share.getId();
    }
  }

  private record OtherMember(String id, boolean leads) implements CamelClusterMember {
    @Override
    public String getId() {
      return id;
    }

    @Override
    public boolean isLeader() {
      return leads;
    }

    @Override
    public boolean isLocal() {
      return false;
    }
  }
}
