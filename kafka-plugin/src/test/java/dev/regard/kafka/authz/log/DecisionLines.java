package dev.regard.kafka.authz.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Collects what is written to the decision logger, through the real logging stack. */
public final class DecisionLines extends AbstractAppender implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  public DecisionLines() {
    super("decision-lines", null, null, true, Property.EMPTY_ARRAY);
    start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getLoggerConfig(DecisionLog.LOGGER).addAppender(this, null, null);
    context.updateLoggers();
  }

  @Override
  public void append(LogEvent event) {
    if (event.getLoggerName().equals(DecisionLog.LOGGER)) {
      lines.add(event.getMessage().getFormattedMessage());
    }
  }

  public List<String> lines() {
    return lines;
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getLoggerConfig(DecisionLog.LOGGER).removeAppender(getName());
    context.updateLoggers();
    stop();
  }
}
