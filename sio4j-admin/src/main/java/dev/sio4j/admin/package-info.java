/** The server side of the official Socket.IO Admin UI: {@link dev.sio4j.admin.SocketIoAdmin#instrument}. */
package dev.sio4j.admin;
