package org.titansync.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The two audit lines of every write ({@link AuditEntry.Intent}, {@link AuditEntry.Outcome}),
 * streamed field by field in the order their records declare: the same bytes Jackson's data binding
 * wrote from the records' annotations (AuditLineFormatTest), without its generic serializers, which
 * a run of thousands of writes otherwise keeps hot and compiled for every type it meets.
 */
final class AuditEntryJson {
  private AuditEntryJson() {}

  /** An intent: type, time, run id, idempotency key, attempt, then its subject. */
  static final class IntentWriter extends StdSerializer<AuditEntry.Intent> {
    private static final long serialVersionUID = 1L;

    IntentWriter() {
      super(AuditEntry.Intent.class);
    }

    @Override
    public void serialize(AuditEntry.Intent intent, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeStartObject();
      out.writeStringField("type", AuditEntry.Intent.TYPE);
      text(out, "time", intent.time());
      text(out, "run_id", intent.runId());
      text(out, "idempotency_key", intent.idempotencyKey());
      out.writeNumberField("attempt", intent.attempt());
      subject(out, intent.subject());
      out.writeEndObject();
    }
  }

  /** An outcome: type, time, run id, its subject, status, attempts, result, and an error if any. */
  static final class OutcomeWriter extends StdSerializer<AuditEntry.Outcome> {
    private static final long serialVersionUID = 1L;

    OutcomeWriter() {
      super(AuditEntry.Outcome.class);
    }

    @Override
    public void serialize(
        AuditEntry.Outcome outcome, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeStartObject();
      out.writeStringField("type", AuditEntry.Outcome.TYPE);
      text(out, "time", outcome.time());
      text(out, "run_id", outcome.runId());
      subject(out, outcome.subject());
      out.writeNumberField("http_status", outcome.httpStatus());
      out.writeNumberField("attempts", outcome.attempts());
      text(out, "result", outcome.result());
      if (outcome.error() != null) {
        out.writeStringField("error", outcome.error());
      }
      out.writeEndObject();
    }
  }

  /** The subject's fields, unwrapped into the line; {@code site_id} only when there is one. */
  private static void subject(JsonGenerator out, AuditEntry.Subject s) throws IOException {
    text(out, "file", s.file());
    text(out, "change", s.change());
    text(out, "key", s.key());
    text(out, "external_id", s.externalId());
    text(out, "email", s.email());
    text(out, "user_id", s.userId());
    text(out, "site", s.site());
    if (s.siteId() != null) {
      out.writeStringField("site_id", s.siteId());
    }
    values(out, "before", s.before());
    values(out, "after", s.after());
  }

  private static void text(JsonGenerator out, String name, String value) throws IOException {
    if (value == null) {
      out.writeNullField(name);
    } else {
      out.writeStringField(name, value);
    }
  }

  private static void values(JsonGenerator out, String name, ChangeValues values)
      throws IOException {
    out.writeFieldName(name);
    if (values == null) {
      out.writeNull();
    } else {
      ChangeValues.Writer.write(values, out);
    }
  }
}
