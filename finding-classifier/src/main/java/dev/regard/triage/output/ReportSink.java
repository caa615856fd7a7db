package dev.regard.triage.output;

import dev.regard.triage.classify.Classification;
import java.io.IOException;

/** A report built one classification at a time, finished with the run's tally. */
public interface ReportSink extends AutoCloseable {
  void accept(Classification c) throws IOException;

  void finish(Tally tally) throws IOException;

  /** Releases what the report holds, finished or not. */
  @Override
  default void close() throws IOException {}
}
