/**
 * The OAuth2 authorization server of the embedded platform: Spring Authorization Server
 * on a loopback port, with its signing key, development users and clients kept in files
 * under the platform's home, so that tokens stay valid across restarts and a developer
 * can read and change who may log in.
 */
package io.infrapm.issuer;
