package dev.regard.triage.output;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.regard.triage.classify.Classification;
import dev.regard.triage.classify.TriageVerdict;
import java.io.IOException;
import java.util.Map;

/**
 * The report for agents: {@code {"model": {...}, "findings": [one object per finding], "summary":
 * {...}}}, streamed; the summary comes last because it is known last.
 */
public final class JsonReport implements ReportSink {
  private final JsonGenerator out;

  public JsonReport(JsonGenerator out, ReportHeader header) throws IOException {
    this.out = out;
    out.writeStartObject();
    out.writeObjectFieldStart("model");
    out.writeStringField("project", header.project());
    out.writeStringField("threatModel", header.modelFile());
    out.writeArrayFieldStart("discovery");
    for (String step : header.discovery()) {
      out.writeString(step);
    }
    out.writeEndArray();
    out.writeNumberField("rules", header.rules());
    out.writeEndObject();
    out.writeArrayFieldStart("findings");
  }

  @Override
  public void accept(Classification c) throws IOException {
    out.writeTree(ClassificationJson.finding(c));
  }

  @Override
  public void finish(Tally tally) throws IOException {
    out.writeEndArray();
    out.writeObjectFieldStart("summary");
    out.writeNumberField("total", tally.total());
    out.writeObjectFieldStart("byVerdict");
    for (TriageVerdict v : TriageVerdict.values()) {
      out.writeNumberField(v.id(), tally.count(v));
    }
    out.writeEndObject();
    out.writeObjectFieldStart("byDisposition");
    for (Map.Entry<String, Long> e : tally.byDisposition().entrySet()) {
      out.writeNumberField(e.getKey(), e.getValue());
    }
    out.writeEndObject();
    out.writeObjectFieldStart("byRule");
    for (Tally.RuleCount rc : tally.byRule().values()) {
      out.writeNumberField(rc.rule().id(), rc.count());
    }
    out.writeEndObject();
    out.writeEndObject();
    out.writeEndObject();
    out.flush();
  }
}
