package dev.haremote.common.suite;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method (or class) under {@code /api/} that checks its own credentials, so the
 * suite's bearer-token filter leaves it alone (e.g. the reachability peer endpoint, which has a
 * token of its own). Use it only together with an equally strict check of your own.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface OwnAuthentication {}
