/**
 * Exceptions that name what is wrong with a request, free of web types so the domain can
 * throw them; {@link io.infrapm.platform.web} maps them to RFC 9457 problem responses.
 */
package io.infrapm.platform.problem;
