/**
 * Every service as an OAuth2 resource server (DESIGN.md §7): JWTs of one issuer, roles
 * from the token's {@code roles} claim, and 401 and 403 as problem details.
 */
package io.infrapm.platform.security;
