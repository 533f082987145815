/**
 * The HTTP edge shared by the services: RFC 9457 problem details and ETag handling.
 */
package io.infrapm.platform.web;
