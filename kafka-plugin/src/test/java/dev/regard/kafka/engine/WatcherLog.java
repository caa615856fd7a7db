package dev.regard.kafka.engine;

import dev.regard.kafka.bundle.BundleWatcher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Collects the bundle watcher's warnings and errors, through the real logging stack. */
final class WatcherLog extends AbstractAppender implements AutoCloseable {
  private static final String LOGGER = BundleWatcher.class.getName();
  private final List<String> lines = new CopyOnWriteArrayList<>();

  WatcherLog() {
    super("watcher-lines", null, null, true, Property.EMPTY_ARRAY);
    start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getLoggerConfig(LOGGER).addAppender(this, null, null);
    context.updateLoggers();
  }

  @Override
  public void append(LogEvent event) {
    if (event.getLoggerName().equals(LOGGER) && event.getLevel().isMoreSpecificThan(Level.WARN)) {
      lines.add(event.getMessage().getFormattedMessage());
    }
  }

  List<String> lines() {
    return lines;
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getLoggerConfig(LOGGER).removeAppender(getName());
    context.updateLoggers();
    stop();
  }
}
