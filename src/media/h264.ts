// H.264 Baseline elementary stream made by code: key frames carry every macroblock as I_PCM
// (raw samples, no transform or entropy coding to get wrong) and the frames in between are
// P frames whose macroblocks are all skipped (a copy of the last picture, a few bytes each).
import { BitWriter, escapeRbsp } from './bits.ts';

/** A colour in video range Y'CbCr (16–235 / 16–240; never 0, which I_PCM forbids). */
export type Yuv = readonly [y: number, cb: number, cr: number];

/** The colour of the 16×16 block at (column, row) of the macroblock grid. */
export type Painter = (column: number, row: number) => Yuv;

export interface H264Format {
  width: number;
  height: number;
}

const LOG2_MAX_FRAME_NUM = 16;
const PROFILE_BASELINE = 66;
const LEVEL = 30;

function grid(format: H264Format): { columns: number; rows: number } {
  if (format.width % 2 || format.height % 2 || format.width < 16 || format.height < 16) {
    throw new RangeError('width and height must be even and at least 16');
  }
  return { columns: Math.ceil(format.width / 16), rows: Math.ceil(format.height / 16) };
}

function nal(refIdc: number, type: number, rbsp: Uint8Array): Uint8Array {
  const body = escapeRbsp(rbsp);
  const out = new Uint8Array(body.length + 1);
  out[0] = (refIdc << 5) | type;
  out.set(body, 1);
  return out;
}

export function sequenceParameterSet(format: H264Format): Uint8Array {
  const { columns, rows } = grid(format);
  const w = new BitWriter();
  w.bits(PROFILE_BASELINE, 8);
  w.bits(0b11000000, 8); // constraint_set0 and set1: decodable by Baseline and Main decoders
  w.bits(LEVEL, 8);
  w.ue(0); // seq_parameter_set_id
  w.ue(LOG2_MAX_FRAME_NUM - 4);
  w.ue(2); // pic_order_cnt_type 2: output order is decode order
  w.ue(1); // max_num_ref_frames
  w.bit(0); // gaps_in_frame_num_value_allowed_flag
  w.ue(columns - 1);
  w.ue(rows - 1);
  w.bit(1); // frame_mbs_only_flag
  w.bit(1); // direct_8x8_inference_flag
  const cropRight = (columns * 16 - format.width) / 2;
  const cropBottom = (rows * 16 - format.height) / 2;
  const cropping = cropRight > 0 || cropBottom > 0;
  w.bit(cropping ? 1 : 0);
  if (cropping) {
    w.ue(0);
    w.ue(cropRight);
    w.ue(0);
    w.ue(cropBottom);
  }
  w.bit(0); // vui_parameters_present_flag
  w.trailing();
  return nal(3, 7, w.finish());
}

export function pictureParameterSet(): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // pic_parameter_set_id
  w.ue(0); // seq_parameter_set_id
  w.bit(0); // entropy_coding_mode_flag: CAVLC
  w.bit(0); // bottom_field_pic_order_in_frame_present_flag
  w.ue(0); // num_slice_groups_minus1
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.bit(0); // weighted_pred_flag
  w.bits(0, 2); // weighted_bipred_idc
  w.se(0); // pic_init_qp_minus26
  w.se(0); // pic_init_qs_minus26
  w.se(0); // chroma_qp_index_offset
  w.bit(1); // deblocking_filter_control_present_flag
  w.bit(0); // constrained_intra_pred_flag
  w.bit(0); // redundant_pic_cnt_present_flag
  w.trailing();
  return nal(3, 8, w.finish());
}

function pcmMacroblock(w: BitWriter, [y, cb, cr]: Yuv): void {
  w.alignZero(); // pcm_alignment_zero_bit
  w.raw(new Uint8Array(256).fill(clamp(y, 16, 235)));
  const chroma = new Uint8Array(128);
  chroma.fill(clamp(cb, 16, 240), 0, 64);
  chroma.fill(clamp(cr, 16, 240), 64);
  w.raw(chroma);
}

function clamp(v: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, Math.round(v)));
}

/** An IDR picture painted macroblock by macroblock. `idrPicId` must differ between consecutive IDRs. */
export function keyFrame(format: H264Format, paint: Painter, idrPicId: number): Uint8Array {
  const { columns, rows } = grid(format);
  const w = new BitWriter();
  w.ue(0); // first_mb_in_slice
  w.ue(7); // slice_type: I (all slices of the picture)
  w.ue(0); // pic_parameter_set_id
  w.bits(0, LOG2_MAX_FRAME_NUM); // frame_num
  w.ue(idrPicId & 0xffff);
  w.bit(0); // no_output_of_prior_pics_flag
  w.bit(0); // long_term_reference_flag
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc: off
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      w.ue(25); // mb_type I_PCM
      pcmMacroblock(w, paint(column, row));
    }
  }
  w.trailing();
  return nal(3, 5, w.finish());
}

/** A P picture that repeats the previous one: every macroblock skipped. `frameNum` counts from the last IDR. */
export function repeatFrame(format: H264Format, frameNum: number): Uint8Array {
  const { columns, rows } = grid(format);
  const w = new BitWriter();
  w.ue(0); // first_mb_in_slice
  w.ue(5); // slice_type: P (all slices)
  w.ue(0); // pic_parameter_set_id
  w.bits(frameNum % 2 ** LOG2_MAX_FRAME_NUM, LOG2_MAX_FRAME_NUM);
  w.bit(0); // num_ref_idx_active_override_flag
  w.bit(0); // ref_pic_list_modification_flag_l0
  w.bit(0); // adaptive_ref_pic_marking_mode_flag
  w.se(0); // slice_qp_delta
  w.ue(1); // disable_deblocking_filter_idc
  w.ue(columns * rows); // mb_skip_run: the whole picture
  w.trailing();
  return nal(2, 1, w.finish());
}

/** One access unit in MP4 sample form: each NAL unit prefixed by its 4-byte length. */
export function lengthPrefixed(...units: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(units.reduce((n, u) => n + 4 + u.length, 0));
  const view = new DataView(out.buffer);
  let at = 0;
  for (const u of units) {
    view.setUint32(at, u.length);
    out.set(u, at + 4);
    at += 4 + u.length;
  }
  return out;
}

/** AVCDecoderConfigurationRecord (ISO/IEC 14496-15 avcC) for the stream above. */
export function avcDecoderConfiguration(format: H264Format): Uint8Array {
  const sps = sequenceParameterSet(format);
  const pps = pictureParameterSet();
  const out = new Uint8Array(11 + sps.length + pps.length);
  out.set([1, sps[1]!, sps[2]!, sps[3]!, 0xff, 0xe1, sps.length >> 8, sps.length & 0xff]);
  out.set(sps, 8);
  out.set([1, pps.length >> 8, pps.length & 0xff], 8 + sps.length);
  out.set(pps, 11 + sps.length);
  return out;
}

/** The RFC 6381 codec string, e.g. avc1.42c01e. */
export function avcCodecString(): string {
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return `avc1.${hex(PROFILE_BASELINE)}${hex(0b11000000)}${hex(LEVEL)}`;
}
