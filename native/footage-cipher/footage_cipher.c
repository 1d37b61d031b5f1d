/*
 * AES-256-GCM over a buffer in place, for the recorder's sealing worker (src/recording/sealer.ts).
 *
 * Node's cipher.update() returns a new, zero-filled buffer for every chunk it encrypts: for 5 MB
 * segments at 32 cameras those allocations (zero-filling fresh pages, and the garbage collections
 * their external memory sets off) cost more CPU than the encryption itself. This function
 * encrypts the caller's buffer where it lies, with the OpenSSL inside Node (the same EVP calls
 * node:crypto makes), and writes the 16-byte tag into the caller's tag buffer: no allocation, no
 * copy. The output is byte for byte what createCipheriv('aes-256-gcm') produces.
 *
 *   sealInPlace(key: Uint8Array(32), iv: Uint8Array(12), aad: Uint8Array, data: Uint8Array, tag: Uint8Array(16)): void
 *
 * Built by scripts/build-native.sh (cc against Node's own headers); without it the worker uses
 * node:crypto.
 */
#include <limits.h>
#include <node_api.h>
#include <openssl/evp.h>

static napi_value fail(napi_env env, const char *message) {
  napi_throw_error(env, "ERR_FOOTAGE_CIPHER", message);
  return NULL;
}

static int bytes_of(napi_env env, napi_value value, unsigned char **data, size_t *length) {
  bool is_typed = false;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return 0;
  napi_typedarray_type type;
  void *pointer = NULL;
  if (napi_get_typedarray_info(env, value, &type, length, &pointer, NULL, NULL) != napi_ok) return 0;
  if (type != napi_uint8_array) return 0;
  *data = (unsigned char *)pointer;
  return 1;
}

static napi_value seal_in_place(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != 5) return fail(env, "sealInPlace(key, iv, aad, data, tag)");
  unsigned char *key, *iv, *aad, *data, *tag;
  size_t key_length, iv_length, aad_length, data_length, tag_length;
  if (!bytes_of(env, argv[0], &key, &key_length) || key_length != 32) return fail(env, "key: 32 bytes");
  if (!bytes_of(env, argv[1], &iv, &iv_length) || iv_length != 12) return fail(env, "iv: 12 bytes");
  if (!bytes_of(env, argv[2], &aad, &aad_length) || aad_length > INT_MAX) return fail(env, "aad: bytes");
  if (!bytes_of(env, argv[3], &data, &data_length)) return fail(env, "data: bytes");
  if (!bytes_of(env, argv[4], &tag, &tag_length) || tag_length != 16) return fail(env, "tag: 16 bytes");

  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  if (!ctx) return fail(env, "out of memory");
  int out = 0;
  unsigned char none[16];
  int ok = EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL) == 1 &&
           EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, 12, NULL) == 1 &&
           EVP_EncryptInit_ex(ctx, NULL, NULL, key, iv) == 1 &&
           (aad_length == 0 || EVP_EncryptUpdate(ctx, NULL, &out, aad, (int)aad_length) == 1);
  for (size_t done = 0; ok && done < data_length;) {
    size_t left = data_length - done;
    int step = left > (size_t)(1 << 30) ? (1 << 30) : (int)left;
    ok = EVP_EncryptUpdate(ctx, data + done, &out, data + done, step) == 1 && out == step;
    done += (size_t)step;
  }
  ok = ok && EVP_EncryptFinal_ex(ctx, none, &out) == 1 && out == 0 &&
       EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1;
  EVP_CIPHER_CTX_free(ctx);
  if (!ok) return fail(env, "AES-256-GCM failed");
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "sealInPlace", NAPI_AUTO_LENGTH, seal_in_place, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "sealInPlace", fn) != napi_ok) return NULL;
  return exports;
}
