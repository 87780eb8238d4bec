// Uploads: a user's profile picture (Users: Upload / Delete a user's profile
// picture) and virtual background files of the account, a group and a user.
// Files live in account_files; pictures are served back from /p/… (routes.ts).
import { Errors, type ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import { isUploadedFile, type MultipartBody, type UploadedFile } from '../../core/multipart.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { getGroup } from '../groups/repository.ts';
import { findUser } from '../users/provider.ts';
import { updateUser } from '../users/repository.ts';
import {
  BACKGROUND_MAX,
  BACKGROUNDS_PER_OWNER,
  PICTURE_MAX,
  backgroundResponse,
  backgroundType,
  extensionOf,
  pictureType,
} from './model.ts';
import * as repo from './repository.ts';

type Upload = Input<Record<string, string>, Record<string, never>, MultipartBody>;
type Removal = Input<Record<string, string>, { file_ids?: string }>;

/** The uploaded file under `field`, or `missing` when there is none or it is empty. */
function fileOf(body: MultipartBody | undefined, field: string, missing: () => ZoomError): UploadedFile {
  const f = body?.[field];
  if (!isUploadedFile(f) || f.data.length === 0) throw missing();
  return f;
}

/** `file_ids` is a comma-separated list; Zoom refuses an absent or empty one. */
function fileIds(query: { file_ids?: string }): string[] {
  const ids = (query.file_ids ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (ids.length === 0) throw Errors.invalidFileIds();
  return [...new Set(ids)];
}

export function fileUrl(baseUrl: string, accountId: string, ownerId: string, id: string, mimetype: string): string {
  return `${baseUrl}/p/${encodeURIComponent(accountId)}/${encodeURIComponent(ownerId)}/${id}.${extensionOf(mimetype)}`;
}

export function createMediaProvider(deps: ProviderDeps): Provider {
  async function addBackground(ctx: Context, owner: repo.FileOwner, ownerId: string, body: MultipartBody) {
    const file = fileOf(body, 'file', Errors.noFileUploaded);
    if (file.data.length > BACKGROUND_MAX) throw Errors.fileTooLarge('15M');
    const mimetype = backgroundType(file);
    if (!mimetype) throw Errors.backgroundType();
    if ((await repo.countFiles(ctx.db, ctx.account.id, owner, ownerId)) >= BACKGROUNDS_PER_OWNER) throw Errors.tooManyFiles();
    const record: repo.FileRecord = {
      id: zoomId(),
      owner_type: owner,
      owner_id: ownerId,
      name: file.filename || `background.${extensionOf(mimetype)}`,
      mimetype,
      size: file.data.length,
      created_at: ctx.clock.iso(),
    };
    await repo.insertFile(ctx.db, ctx.account.id, record, file.data);
    return backgroundResponse(record);
  }

  async function groupId(ctx: Context, id: string): Promise<string> {
    if (!(await getGroup(ctx.db, ctx.account.id, id))) throw Errors.groupDoesNotExist(id);
    return id;
  }

  return {
    async userPicture(input: Upload, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId!);
      const file = fileOf(input.body, 'pic_file', Errors.fileEmpty);
      if (file.data.length > PICTURE_MAX) throw Errors.fileTooLarge('2M');
      const mimetype = pictureType(file);
      if (!mimetype) throw Errors.pictureType();
      // One picture per user: the new one replaces the old.
      await repo.deleteFiles(ctx.db, ctx.account.id, 'picture', user.id);
      const id = zoomId();
      await repo.insertFile(
        ctx.db,
        ctx.account.id,
        { id, owner_type: 'picture', owner_id: user.id, name: file.filename || 'picture', mimetype, size: file.data.length, created_at: ctx.clock.iso() },
        file.data,
      );
      user.profile.pic_url = fileUrl(deps.baseUrl, ctx.account.id, user.id, id, mimetype);
      await updateUser(ctx.db, ctx.account.id, user);
      return {};
    },

    async userPictureDelete(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      await repo.deleteFiles(ctx.db, ctx.account.id, 'picture', user.id);
      user.profile.pic_url = '';
      await updateUser(ctx.db, ctx.account.id, user);
    },

    async uploadVB(input: Upload, ctx: Context) {
      return addBackground(ctx, 'vb_account', ctx.account.id, input.body);
    },

    async delVB(input: Removal, ctx: Context) {
      await repo.deleteFiles(ctx.db, ctx.account.id, 'vb_account', ctx.account.id, fileIds(input.query));
    },

    async uploadVBuser(input: Upload, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId!);
      return addBackground(ctx, 'vb_user', user.id, input.body);
    },

    async delUserVB(input: Removal, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId!);
      await repo.deleteFiles(ctx.db, ctx.account.id, 'vb_user', user.id, fileIds(input.query));
    },

    async uploadGroupVB(input: Upload, ctx: Context) {
      return addBackground(ctx, 'vb_group', await groupId(ctx, input.path.groupId!), input.body);
    },

    async delGroupVB(input: Removal, ctx: Context) {
      const id = await groupId(ctx, input.path.groupId!);
      await repo.deleteFiles(ctx.db, ctx.account.id, 'vb_group', id, fileIds(input.query));
    },
  };
}
