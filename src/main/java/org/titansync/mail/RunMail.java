package org.titansync.mail;

import java.nio.file.Path;
import java.util.List;

/**
 * The mail about one run, rendered and ready to send.
 *
 * @param subject with the configured prefix
 * @param html the readable body (templates/mail.html.mustache, every value escaped)
 * @param text the plain-text alternative (templates/mail.txt.mustache)
 * @param attachments report files to attach ({@code email.attach_reports}); empty by default
 */
public record RunMail(
    String runId, String subject, String html, String text, List<Path> attachments) {
  public RunMail {
    attachments = List.copyOf(attachments);
  }
}
