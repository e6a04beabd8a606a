from seedream_desktop.api import sizes


def test_exactly_seventeen_unique_sizes():
    assert len(sizes.SIZES) == 17
    assert len({s.key for s in sizes.SIZES}) == 17
    assert len({(s.width, s.height) for s in sizes.SIZES}) == 17


def test_tiers_and_aspects_match_the_runware_table():
    assert [s.dimensions for s in sizes.presets_in_tier("1K")] == ["1024×1024"]
    assert len(sizes.presets_in_tier("2K")) == 8
    assert len(sizes.presets_in_tier("4K")) == 8
    for preset in sizes.SIZES:
        a, b = (int(x) for x in preset.aspect.split(":"))
        assert abs(preset.width / preset.height - a / b) < 0.02, preset


def test_every_size_is_inside_byteplus_pixel_range():
    for preset in sizes.SIZES:
        assert 921_600 <= preset.width * preset.height <= 16_777_216 or preset.tier == "1K"
        assert 1 / 16 <= preset.width / preset.height <= 16


def test_parse_size_accepts_the_forms_people_type():
    assert sizes.parse_size("2K-16:9") == sizes.by_dimensions(2560, 1440)
    assert sizes.parse_size("2k 16:9") == sizes.by_dimensions(2560, 1440)
    assert sizes.parse_size("2560x1440") == sizes.by_key("2K-16:9")
    assert sizes.parse_size("4096×4096").tier == "4K"
    assert sizes.parse_size("1K-16:9") is None
    assert sizes.parse_size("1024x1536") is None
    assert sizes.parse_size("nonsense") is None


def test_tier_and_aspect_of_foreign_images():
    assert sizes.tier_of(512, 512) == "1K"
    assert sizes.tier_of(1920, 1080) == "2K"
    assert sizes.tier_of(6000, 4000) == "4K"
    assert sizes.aspect_of(1920, 1080) == "16:9"
    assert sizes.aspect_of(1000, 1000) == "1:1"
    assert sizes.aspect_of(1080, 1920) == "9:16"
