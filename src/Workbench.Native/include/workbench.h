/* The whole C ABI of the Workbench engine (libtorch underneath).
 *
 * Conventions: every function that can fail returns int (0 = ok, non-zero = error) or a
 * handle (NULL = error); the message of the last failure on the calling thread is read with
 * wb_last_error(). No C++ exception ever crosses this boundary. Handles are opaque and freed
 * with their *_free function. Images are uint8 RGB, NHWC, square (size x size).
 */
#ifndef WORKBENCH_H
#define WORKBENCH_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WB_API __attribute__((visibility("default")))

typedef struct wb_model wb_model;
typedef struct wb_trainer wb_trainer;
typedef struct wb_images wb_images;

/* --- runtime ------------------------------------------------------------------------- */
WB_API const char* wb_last_error(void);
WB_API const char* wb_version(void);
WB_API void wb_set_num_threads(int32_t n);
WB_API int32_t wb_get_num_threads(void);
WB_API int32_t wb_cuda_is_available(void);

/* --- image decoding (libjpeg-turbo / libpng) ------------------------------------------ */
/* Decodes a JPEG or PNG file, squashes it to size x size with area averaging, writes
 * size*size*3 bytes to out. Also returns the original width/height. */
WB_API int32_t wb_decode_image(const char* path, int32_t size, uint8_t* out,
                               int32_t* orig_width, int32_t* orig_height);

/* --- image sets: uint8 images copied once into engine memory ------------------------- */
WB_API wb_images* wb_images_create(const uint8_t* data, int64_t count, int32_t size);
WB_API void wb_images_free(wb_images* images);

/* --- models -------------------------------------------------------------------------- */
/* arch: "resnet18" | "senet8" (8 conv + BN + max-pool + squeeze-excitation) | "smallcnn" |
 * "cnn4" (4 blocks of conv-BN-ReLU-max-pool, widths 32..256, embedding 256).
 * device: "cpu" | "cuda" | "cuda:N". Initialisation is deterministic for a seed. */
WB_API wb_model* wb_model_create(const char* arch, int32_t num_classes, int64_t seed,
                                 const char* device);
WB_API void wb_model_free(wb_model* model);
WB_API int32_t wb_model_num_classes(const wb_model* model);
WB_API int32_t wb_model_embedding_dim(const wb_model* model);
WB_API int64_t wb_model_parameter_count(const wb_model* model);
/* Copies all parameters and buffers from src into dst (same arch and shapes). */
WB_API int32_t wb_model_copy_from(wb_model* dst, const wb_model* src);
/* Checkpoint: a pickled dict name -> tensor (torch.load-able in Python). */
WB_API int32_t wb_model_save(const wb_model* model, const char* path);
/* Loads a state dict file (a checkpoint or a torchvision file saved with
 * torch.save(dict(model.state_dict()), path)). strict=1: any missing, unexpected or
 * mismatched key is an error. strict=0: loads what matches. The report (one line per key:
 * "missing <name>", "unexpected <name>", "mismatch <name> <file shape> <model shape>",
 * last line "loaded <n>") is written to report (NUL-terminated, truncated to report_len). */
WB_API int32_t wb_model_load(wb_model* model, const char* path, int32_t strict, char* report,
                             int32_t report_len);
/* Names of the state-dict entries, newline separated, for inspection. */
WB_API int32_t wb_model_state_names(const wb_model* model, char* out, int32_t out_len);
/* Sum of all parameters and buffers as doubles: a cheap fingerprint for tests. */
WB_API double wb_model_checksum(const wb_model* model);

/* --- training ------------------------------------------------------------------------ */
/* aug_flags bits: 1 rotate 0-360, 2 horizontal flip, 4 vertical flip, 8 shift <= 12.5%,
 * 16 rotate by a random multiple of 90 degrees. */
enum { WB_AUG_ROTATE = 1, WB_AUG_HFLIP = 2, WB_AUG_VFLIP = 4, WB_AUG_SHIFT = 8, WB_AUG_ROT90 = 16 };
WB_API wb_trainer* wb_trainer_create(wb_model* model, double lr, double momentum,
                                     double weight_decay, int64_t seed);
WB_API void wb_trainer_free(wb_trainer* trainer);
WB_API int32_t wb_trainer_set_lr(wb_trainer* trainer, double lr);
/* One SGD step on the batch images[indices[0..n)] with labels; class_weights has
 * num_classes entries (NULL = uniform). Writes the mean loss and the number of correct
 * predictions in the batch. */
WB_API int32_t wb_trainer_step(wb_trainer* trainer, const wb_images* images,
                               const int64_t* indices, const int64_t* labels, int32_t n,
                               const float* class_weights, int32_t aug_flags, float* loss,
                               int32_t* correct);

/* --- prediction (eval mode, no augmentation) ----------------------------------------- */
/* For images[indices[0..n)], in batches: probs [n, num_classes], embeddings
 * [n, embedding_dim] (either may be NULL). */
WB_API int32_t wb_predict(wb_model* model, const wb_images* images, const int64_t* indices,
                          int64_t n, int32_t batch_size, float* probs, float* embeddings);

#ifdef __cplusplus
}
#endif
#endif
