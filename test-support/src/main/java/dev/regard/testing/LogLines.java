package dev.regard.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the messages one logger writes at a level or above, through the real logging stack: an
 * appender on that logger's configuration while open.
 */
public final class LogLines extends AbstractAppender implements AutoCloseable {
  private final String logger;
  private final Level atLeast;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  /** Every message of {@code logger}. */
  public LogLines(String logger) {
    this(logger, Level.ALL);
  }

  public LogLines(String logger, Level atLeast) {
    super("lines-of-" + logger, null, null, true, Property.EMPTY_ARRAY);
    this.logger = logger;
    this.atLeast = atLeast;
    start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getLoggerConfig(logger).addAppender(this, null, null);
    context.updateLoggers();
  }

  @Override
  public void append(LogEvent event) {
    if (event.getLoggerName().equals(logger) && event.getLevel().isMoreSpecificThan(atLeast)) {
      lines.add(event.getMessage().getFormattedMessage());
    }
  }

  public List<String> lines() {
    return lines;
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getLoggerConfig(logger).removeAppender(getName());
    context.updateLoggers();
    stop();
  }
}
