/*
 * test_media.c -- what a removable medium is known by: the UUID and
 * label in an ext2/3/4 superblock and a FAT boot sector, formatted as
 * blkid prints them (the security administrator registers media by the
 * UUID shown); the size and free space of a mounted file system.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "util/suites.h"
#include "util/util.h"

static char *md_dir;

static void
md_setup(void)
{
	md_dir = testlib_tmpdir();
}

static void
md_teardown(void)
{
	testlib_rmdir(md_dir);
}

static char *
md_image(const unsigned char *b, size_t n)
{
	char *path = xasprintf("%s/image", md_dir);

	testlib_write_file(path, b, n);
	return path;
}

START_TEST(test_ext_superblock)
{
	static const unsigned char uuid[16] = {
		0x50, 0x9a, 0x83, 0xdc, 0x48, 0xc4, 0x46, 0x96,
		0x97, 0x5c, 0x81, 0xd2, 0x62, 0xe4, 0x8f, 0xbc
	};
	unsigned char b[4096];
	char *path, *u, *l;

	memset(b, 0, sizeof b);
	b[1080] = 0x53;
	b[1081] = 0xef;
	memcpy(b + 1128, uuid, 16);
	memcpy(b + 1144, "REPORTS", 7);
	path = md_image(b, sizeof b);
	ck_assert_int_eq(media_read_uuid(path, &u, &l), STATUS_OK);
	ck_assert_str_eq(u, "509a83dc-48c4-4696-975c-81d262e48fbc");
	ck_assert_str_eq(l, "REPORTS");
	free(u);
	free(l);
	free(path);
}
END_TEST

START_TEST(test_fat_boot_sector)
{
	unsigned char b[4096];
	char *path, *u, *l;

	memset(b, 0, sizeof b);
	b[510] = 0x55;
	b[511] = 0xaa;
	memcpy(b + 82, "FAT32   ", 8);
	b[67] = 0xcd;		/* serial 0x1234ABCD, little-endian */
	b[68] = 0xab;
	b[69] = 0x34;
	b[70] = 0x12;
	memcpy(b + 71, "NO NAME    ", 11);
	path = md_image(b, sizeof b);
	ck_assert_int_eq(media_read_uuid(path, &u, &l), STATUS_OK);
	ck_assert_str_eq(u, "1234-ABCD");
	ck_assert_str_eq(l, "");
	free(u);
	free(l);

	/* FAT16 keeps them earlier in the sector. */
	memset(b + 60, 0, 40);
	memcpy(b + 54, "FAT16   ", 8);
	b[39] = 0x01;
	b[42] = 0xff;
	memcpy(b + 43, "U DISK     ", 11);
	testlib_write_file(path, b, sizeof b);
	ck_assert_int_eq(media_read_uuid(path, &u, &l), STATUS_OK);
	ck_assert_str_eq(u, "FF00-0001");
	ck_assert_str_eq(l, "U DISK");
	free(u);
	free(l);
	free(path);
}
END_TEST

START_TEST(test_unknown_and_missing)
{
	unsigned char b[4096];
	char *path, *u, *l, *none;

	memset(b, 0xa5, sizeof b);
	path = md_image(b, sizeof b);
	ck_assert_int_eq(media_read_uuid(path, &u, &l), STATUS_UNSUPPORTED);
	ck_assert_ptr_null(u);
	none = xasprintf("%s/none", md_dir);
	ck_assert_int_eq(media_read_uuid(none, &u, &l), STATUS_NOT_FOUND);
	free(none);
	free(path);
}
END_TEST

START_TEST(test_stat_and_sizes)
{
	struct media_info m;
	char text[32];

	memset(&m, 0, sizeof m);
	ck_assert_int_eq(media_stat(md_dir, &m), STATUS_OK);
	ck_assert_uint_gt(m.size, 0);
	ck_assert_uint_le(m.avail, m.size);
	ck_assert_int_eq(m.read_only, 0);
	ck_assert_str_eq(media_size_text(512, text, sizeof text), "512 B");
	ck_assert_str_eq(media_size_text(2 * 1024 * 1024, text, sizeof text),
	    "2.0 MB");
	ck_assert_str_eq(media_size_text(1536, text, sizeof text), "1.5 KB");
}
END_TEST

Suite *
media_suite(void)
{
	Suite *s = suite_create("media");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, md_setup, md_teardown);
	tcase_add_test(tc, test_ext_superblock);
	tcase_add_test(tc, test_fat_boot_sector);
	tcase_add_test(tc, test_unknown_and_missing);
	tcase_add_test(tc, test_stat_and_sizes);
	suite_add_tcase(s, tc);
	return s;
}
