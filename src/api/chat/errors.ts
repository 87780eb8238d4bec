// Team Chat's errors, with the codes and messages Zoom's reference gives for
// these operations (contract/schemas: chat-*.json, contacts.json, chatbot-messages.json).
import { ZoomError } from '../../core/errors.ts';

export const ChatErrors = {
  channelNotFound: (id: string) => new ZoomError(404, 4130, `Channel does not exist: ${id}.`),
  channelNameTaken: () => new ZoomError(400, 300, 'The channel name already exists.'),
  channelFailed: (what: string) => new ZoomError(400, 5301, what),
  channelForbidden: (what: string, status = 400) => new ZoomError(status, 200, `Unauthorized request. You do not have permission to ${what}.`),
  sharedSpaceNotFound: () => new ZoomError(404, 5407, 'Shared space does not exist.'),
  messageNotFound: (id: string) => new ZoomError(400, 300, `Message does not exist: ${id}.`),
  senderOnly: () => new ZoomError(400, 200, 'Only the sender of this message can make updates.'),
  needsTarget: () => new ZoomError(400, 300, 'Must provide either contact or channel parameter.'),
  needsTargetQuery: () => new ZoomError(400, 300, 'You must provide the "to_contact" or the "to_channel" query parameter.'),
  sendFailed: () => new ZoomError(400, 5301, 'Message sending failed.'),
  replyToMainOnly: () => new ZoomError(400, 5402, 'This only supports replies to a main message.'),
  fileNotFound: (ids: string) => new ZoomError(400, 5404, `File does not exist: ${ids}.`),
  cardFailed: () => new ZoomError(400, 5405, 'Failed to create interactive card.'),
  cardNotFound: (id: string) => new ZoomError(400, 5046, `Interactive Cards does not exist: ${id}.`),
  cannotChat: () => new ZoomError(400, 5418, 'The user can not chat with others.'),
  archived: () => new ZoomError(400, 5420, 'Can not send message to an archived channel.'),
  scheduleRange: () => new ZoomError(400, 300, 'Invalid parameter: send_time. The time requirement is more than 30 minutes from now and within 180 days.'),
  sixMonths: () => new ZoomError(400, 300, 'Only provide past chat messages in recent 6 months.'),
  contactNotFound: (id: string) => new ZoomError(404, 1001, `User does not exist: ${id}`),
  contactExists: () => new ZoomError(409, 300, 'The contact already exists.'),
  imInvalidTarget: () => new ZoomError(400, 300, 'Invalid parameter: channel/chat_user.'),
  imUserNotFound: () => new ZoomError(404, 1001, 'User does not exist.'),
  reportSixMonths: () => new ZoomError(400, 300, 'Report requested exceeds 6 month limit.'),
  // Chatbot messages (Zoom's 7xxx/8xxx chatbot codes).
  botBody: () => new ZoomError(400, 7001, 'Invalid Request Body format.'),
  botInvalidRobot: () => new ZoomError(404, 7002, 'Invalid robot_jid value specified in the Request Body.'),
  botUnknownRobot: () => new ZoomError(403, 7003, 'No Chatbot can be found with the given robot_jid value.'),
  botNotAuthorized: () => new ZoomError(403, 7004, 'Not authorized.'),
  botNoTarget: () => new ZoomError(403, 7004, 'No channel or user can be found with the given to_jid value.'),
  botMessageNotFound: () => new ZoomError(404, 8001, 'Invalid message_id.'),
};
