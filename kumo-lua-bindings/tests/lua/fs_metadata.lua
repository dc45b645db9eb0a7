-- kumo.fs.metadata_for_path and kumo.fs.symlink_metadata_for_path.
local t = require("testlib")
local fs = kumo.fs

local file = t.write_file("meta.txt", "12345")
local link = TMP_DIR .. "/link.txt"
assert(os.execute("ln -s '" .. file .. "' '" .. link .. "'"))

local before = kumo.time.now()
local m = fs.metadata_for_path(file)
t.eq(m.path, file, "path as given")
t.eq(m.is_file, true, "is_file")
t.eq(m.is_dir, false, "is_dir")
t.eq(m.is_symlink, false, "is_symlink")
t.eq(m.len, 5, "len")
t.eq(m.readonly, false, "readonly")
for _, field in ipairs({ "dev", "ino", "mode", "nlink", "uid", "gid", "rdev", "size", "blksize", "blocks" }) do
  t.eq(math.type(m[field]), "integer", field .. " is an integer")
end
t.eq(m.size, 5, "size")
t.eq(m.nlink, 1, "nlink")
t.eq(m.mode & 0xF000, 0x8000, "mode says regular file")
for _, field in ipairs({ "atime", "mtime", "ctime" }) do
  t.eq(type(m[field]), "userdata", field .. " is a Time")
  t.truthy(m[field].year >= 2024, field .. " is recent")
  t.truthy(m[field] <= before + kumo.time.parse_duration(5), field .. " is not in the future")
end

-- Following the link gives the file; not following gives the link.
local via = fs.metadata_for_path(link)
t.eq(via.path, link, "path as given, even through a link")
t.eq(via.is_file, true, "followed link is a file")
t.eq(via.ino, m.ino, "same inode")
local l = fs.symlink_metadata_for_path(link)
t.eq(l.is_symlink, true, "symlink_metadata sees the link")
t.eq(l.is_file, false, "a link is not a file")
t.eq(l.mode & 0xF000, 0xA000, "mode says symlink")
t.eq(fs.symlink_metadata_for_path(file).ino, m.ino, "symlink_metadata of a plain file")

local d = fs.metadata_for_path(TMP_DIR)
t.eq(d.is_dir, true, "a directory")
t.eq(d.is_file, false, "a directory is not a file")

-- A dangling link: metadata fails, symlink_metadata works.
local dangling = TMP_DIR .. "/dangling"
assert(os.execute("ln -s '" .. TMP_DIR .. "/gone' '" .. dangling .. "'"))
t.raises({ "kumo.fs.metadata_for_path", dangling, "No such file or directory" }, fs.metadata_for_path, dangling)
t.eq(fs.symlink_metadata_for_path(dangling).is_symlink, true, "dangling link")

-- Read-only files.
assert(os.execute("chmod 0444 '" .. file .. "'"))
t.eq(fs.metadata_for_path(file).readonly, true, "readonly")

-- Errors.
t.raises({ "kumo.fs.metadata_for_path", "No such file or directory" }, fs.metadata_for_path, TMP_DIR .. "/none")
t.raises({ "kumo.fs.symlink_metadata_for_path", "No such file or directory" }, fs.symlink_metadata_for_path, TMP_DIR .. "/none")
t.raises({ "bad argument #1 to 'kumo.fs.metadata_for_path'", "string expected, got nil" }, fs.metadata_for_path)
t.raises({ "bad argument #1 to 'kumo.fs.symlink_metadata_for_path'", "got boolean" }, fs.symlink_metadata_for_path, false)
