// The store moved to the platform (src/server/files). This re-export only keeps the study feature building
// while its files are being split; it goes once study imports from src/server/files itself.
export { AttachmentStore } from '../../files/attachments.store';
