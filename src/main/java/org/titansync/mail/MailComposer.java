package org.titansync.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.titansync.config.SyncConfig;
import org.titansync.plan.Change;
import org.titansync.plan.ChangeKind;
import org.titansync.plan.PersonMoves;
import org.titansync.report.ReportModel;
import org.titansync.report.ReportWriter;
import org.titansync.run.ChangeOutcome;
import org.titansync.run.KindCount;
import org.titansync.run.RunId;
import org.titansync.run.RunStatus;
import org.titansync.run.RunSummary;
import org.titansync.store.ChangeView;
import org.titansync.store.StateFolder;

/**
 * Turns a run into the mail about it: whether one is due ({@code email.send_on}), its subject, an
 * HTML body and a plain-text alternative (templates/mail.*.mustache), and the MIME message. Free of
 * Camel: the notify route sends what this builds, and retries.
 */
public final class MailComposer {
  /** Changes listed per site; the run's report.html lists them all. */
  public static final int MAX_CHANGES_PER_SITE = 50;

  /** Changes listed in one mail, across sites. */
  public static final int MAX_CHANGES_LISTED = 300;

  /** Row errors, conflicts and failed changes listed, each. */
  public static final int MAX_ROWS_LISTED = 100;

  /** The heading of changes that belong to no site (names, email, status). */
  static final String ACCOUNT_CHANGES = "Account details";

  private static final String UTF8 = "UTF-8";
  private static final Map<String, String> ATTACHED =
      Map.of(
          "report.html",
          "text/html; charset=UTF-8",
          "result.json",
          "application/json; charset=UTF-8");

  private final SyncConfig.Email email;
  private final Path configFile;
  private final StateFolder store;
  private final ReportWriter templates = new ReportWriter();

  /**
   * @param configFile the config file the commands in a held run's mail name; null when there is
   *     none
   */
  public MailComposer(SyncConfig.Email email, Path configFile, StateFolder store) {
    this.email = email;
    this.configFile = configFile;
    this.store = store;
  }

  /** The send_on word that makes this run send mail; empty when mail is off or not due. */
  public Optional<String> trigger(RunSummary run) {
    return email.enabled() ? MailTrigger.match(email.sendOn(), run) : Optional.empty();
  }

  /** The subject with the configured prefix, such as {@code [titan-sync] 12 changes applied}. */
  public String subject(RunSummary run) {
    String prefix = MailSubject.oneLine(email.subjectPrefix());
    String outcome = MailSubject.of(run);
    return prefix.isEmpty() ? outcome : prefix + " " + outcome;
  }

  /** Who gets the mail, for logs and notes: {@code a@x, b@y (cc c@z)}. */
  public String recipients() {
    return String.join(", ", email.to())
        + (email.cc().isEmpty() ? "" : " (cc " + String.join(", ", email.cc()) + ")");
  }

  /** Renders the mail's subject and both bodies. */
  public RunMail render(RunSummary run) {
    String subject = subject(run);
    Map<String, Object> model = model(run, subject);
    List<Path> attachments = new ArrayList<>();
    if (email.attachReports() && RunId.isValid(run.runId())) {
      for (String name : List.of("report.html", "result.json")) {
        Path file = store.folder(run.runId()).resolve(name);
        if (Files.isRegularFile(file)) {
          attachments.add(file);
        }
      }
    }
    return new RunMail(
        run.runId(),
        subject,
        templates.renderHtml("mail.html", model),
        templates.renderText("mail.txt", model),
        attachments);
  }

  /**
   * The MIME message: multipart/alternative (text, then HTML), inside multipart/mixed when reports
   * are attached; UTF-8 throughout so that names in any script survive.
   *
   * @throws AddressException when email.from, to or cc is not an address a mail server accepts
   */
  public MimeMessage toMime(RunMail mail) throws MessagingException, IOException {
    MimeMessage message =
        new IdentifiedMessage(Session.getInstance(new Properties()), email.helo());
    message.setFrom(new InternetAddress(email.from(), true));
    message.setRecipients(Message.RecipientType.TO, addresses(email.to()));
    if (!email.cc().isEmpty()) {
      message.setRecipients(Message.RecipientType.CC, addresses(email.cc()));
    }
    message.setSubject(mail.subject(), UTF8);
    // RFC 3834: out-of-office replies and the like are not sent back to a machine.
    message.setHeader("Auto-Submitted", "auto-generated");
    message.setHeader("X-Titan-Sync-Run", mail.runId());

    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), UTF8, "plain");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), UTF8, "html");
    alternative.addBodyPart(html);

    if (mail.attachments().isEmpty()) {
      message.setContent(alternative);
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternative);
      mixed.addBodyPart(body);
      for (Path file : mail.attachments()) {
        String name = file.getFileName().toString();
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(
            new DataHandler(
                new ByteArrayDataSource(
                    Files.readAllBytes(file),
                    ATTACHED.getOrDefault(name, "application/octet-stream"))));
        part.setFileName(name);
        part.setDisposition(Part.ATTACHMENT);
        mixed.addBodyPart(part);
      }
      message.setContent(mixed);
    }
    message.saveChanges();
    return message;
  }

  private static InternetAddress[] addresses(List<String> list) throws AddressException {
    InternetAddress[] out = new InternetAddress[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new InternetAddress(list.get(i), true);
    }
    return out;
  }

  /** The template context: the report's model plus what a mail adds. */
  Map<String, Object> model(RunSummary run, String subject) {
    Map<String, Object> m = new LinkedHashMap<>(ReportModel.of(run));
    m.put("subject", subject);
    m.put("outcome", MailSubject.of(run));
    m.put("failedRun", MailTrigger.isFailure(run));
    String folder =
        RunId.isValid(run.runId())
            ? store.folder(run.runId()).toString()
            : store.runsDir().toString();
    m.put("runFolder", folder);

    String config = configFile == null ? "config.toml" : configFile.toString();
    String input = run.inputFile();
    String syncCommand = "titan-sync sync " + quote(input) + " --config " + quote(config);
    m.put("approveCommand", "titan-sync approve " + run.runId() + " --config " + quote(config));
    m.put(
        "dryRunCommand",
        "titan-sync sync " + quote(input) + " --dry-run --config " + quote(config));

    List<String> next = nextSteps(run, syncCommand, folder);
    m.put("nextSteps", next);
    m.put("hasNextSteps", !next.isEmpty());
    m.put("countLines", countLines(run));

    bySite(run, m);
    capped(m, "errors", run.plan() == null ? List.of() : run.plan().errors());
    capped(m, "conflicts", run.plan() == null ? List.of() : run.plan().conflicts());
    @SuppressWarnings("unchecked")
    List<Object> failures = (List<Object>) m.get("failures");
    capped(m, "failures", failures);
    m.put("attachedReports", email.attachReports());
    return m;
  }

  private static void capped(Map<String, Object> m, String key, List<?> all) {
    m.put(key, all.subList(0, Math.min(all.size(), MAX_ROWS_LISTED)));
    int more = Math.max(0, all.size() - MAX_ROWS_LISTED);
    String name = Character.toUpperCase(key.charAt(0)) + key.substring(1);
    m.put("more" + name, more);
    m.put("hasMore" + name, more > 0);
  }

  private static List<String> nextSteps(RunSummary run, String syncCommand, String folder) {
    List<String> next = new ArrayList<>();
    int notDone = 0;
    for (KindCount k : KindCount.of(run)) {
      notDone += k.planned() - k.done();
    }
    switch (run.status()) {
      case HELD ->
          next.add(
              "Check the changes below and why they were held. If they are right, approve the run"
                  + " with the command above; if not, fix the export: the next file is checked"
                  + " again.");
      case PARTIAL ->
          next.add(
              MailSubject.plural(notDone, "change")
                  + " did not go through (the failed ones are listed with Titan's answer). The"
                  + " next run plans them again; one that keeps failing needs a look at its"
                  + " error.");
      case UNREACHABLE ->
          next.add(
              "Nothing was written. Check titan.base_url, the API key and the network, then run"
                  + " the sync again: "
                  + syncCommand);
      case REFUSED ->
          next.add(
              "Nothing was written. Fix what the message above names, then run the sync again: "
                  + syncCommand);
      case ERROR ->
          next.add("Something unexpected stopped the run; the log and " + folder + " say more.");
      case DRY_RUN -> next.add("Nothing was written. To apply this plan: " + syncCommand);
      default -> {
        // applied or nothing to do: nothing to act on unless rows were refused (below)
      }
    }
    if (run.plan() != null && !run.plan().errors().isEmpty()) {
      next.add(
          MailSubject.plural(run.plan().errors().size(), "row")
              + " of the export were skipped (listed below by line): fix them in the SIS. The"
              + " people on them were left as they are in Titan.");
    }
    if (run.plan() != null && !run.plan().conflicts().isEmpty()) {
      int n = run.plan().conflicts().size();
      next.add(
          (n == 1 ? "1 person was" : n + " people were")
              + " not touched because of a conflict (listed below); each needs a decision"
              + " in Titan or in the export.");
    }
    return next;
  }

  private static List<String> countLines(RunSummary run) {
    List<String> lines = new ArrayList<>();
    List<KindCount> counts = KindCount.of(run);
    if (counts.isEmpty()) {
      return lines;
    }
    String format = "  %-20s %8s %8s %8s %8s";
    lines.add(String.format(Locale.ROOT, format, "change", "planned", "done", "failed", "skipped"));
    int[] total = new int[4];
    for (KindCount k : counts) {
      lines.add(
          String.format(
              Locale.ROOT, format, k.kind(), k.planned(), k.done(), k.failed(), k.skipped()));
      total[0] += k.planned();
      total[1] += k.done();
      total[2] += k.failed();
      total[3] += k.skipped();
    }
    lines.add(String.format(Locale.ROOT, format, "total", total[0], total[1], total[2], total[3]));
    return lines;
  }

  /** The changes grouped by site (account changes first), each site's list capped. */
  private static void bySite(RunSummary run, Map<String, Object> m) {
    Map<String, List<Change>> groups = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    List<Change> accounts = new ArrayList<>();
    if (run.plan() != null) {
      for (Change c : run.plan().changes()) {
        String site = ChangeView.of(c).site();
        if (site.isEmpty()) {
          accounts.add(c);
        } else {
          groups.computeIfAbsent(site, k -> new ArrayList<>()).add(c);
        }
      }
    }
    PersonMoves moves = run.plan() == null ? null : PersonMoves.of(run.plan());
    Map<String, List<Change>> ordered = new LinkedHashMap<>();
    if (!accounts.isEmpty()) {
      ordered.put(ACCOUNT_CHANGES, accounts);
    }
    ordered.putAll(groups);

    List<Map<String, Object>> sites = new ArrayList<>();
    int listed = 0;
    int unlisted = 0;
    for (Map.Entry<String, List<Change>> e : ordered.entrySet()) {
      List<Change> changes = new ArrayList<>(e.getValue());
      changes.sort(
          Comparator.comparing(Change::kind, Comparator.<ChangeKind>naturalOrder())
              .thenComparing(Change::externalId));
      int room = Math.max(0, Math.min(MAX_CHANGES_PER_SITE, MAX_CHANGES_LISTED - listed));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Change c : changes.subList(0, Math.min(room, changes.size()))) {
        rows.add(row(run, c, moves));
      }
      listed += rows.size();
      int more = changes.size() - rows.size();
      unlisted += more;
      Map<String, Object> site = new LinkedHashMap<>();
      site.put("site", e.getKey());
      site.put("count", changes.size());
      site.put("changes", rows);
      site.put("more", more);
      site.put("hasMore", more > 0);
      sites.add(site);
    }
    m.put("sites", sites);
    m.put("hasSites", !sites.isEmpty());
    m.put("unlistedChanges", unlisted);
    m.put("hasUnlistedChanges", unlisted > 0);
  }

  private static Map<String, Object> row(RunSummary run, Change c, PersonMoves moves) {
    ChangeView v = ChangeView.of(c);
    ChangeOutcome o = run.outcomes().get(c.key());
    ChangeOutcome.State state = ChangeOutcome.stateOf(o);
    if (run.status() == RunStatus.HELD && o == null) {
      state = ChangeOutcome.State.HELD;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", v.kind());
    row.put("externalId", v.externalId());
    row.put("email", v.email());
    row.put("detail", ReportModel.detail(v, c, moves));
    row.put("state", state.id());
    row.put("failed", state == ChangeOutcome.State.FAILED);
    row.put("error", o == null ? null : o.error());
    return row;
  }

  /** A path as a shell word: plain when safe, else in double quotes. */
  static String quote(String word) {
    if (word.matches("[A-Za-z0-9_./:@%+=,-]+")) {
      return word;
    }
    // Inside double quotes a shell gives meaning only to " $ ` and \ before them; Windows paths
    // keep their backslashes.
    return "\"" + word.replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + "\"";
  }
}
