package dev.haremote.common.suite.config;

import jakarta.annotation.Priority;
import java.util.Locale;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * {@code true} or {@code false}, nothing else: MicroProfile Config's own converter reads every
 * other text ({@code update: maybe}, {@code enabled: ture}) as false, silently (issue #19, item
 * 15). YAML's {@code yes}/{@code no} and {@code on}/{@code off} are refused too:
 * docs/configuration.md writes booleans as true/false only.
 */
@Priority(200)
public class StrictBooleanConverter implements Converter<Boolean> {
  private static final long serialVersionUID = 1L;

  @Override
  public Boolean convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "" -> null;
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("true or false expected");
    };
  }
}
