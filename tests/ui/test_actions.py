import pytest

from seedream_desktop.ui.actions import plain_label


@pytest.mark.parametrize(
    ("menu_text", "label"),
    [
        ("&Generate", "Generate"),
        ("&Settings…", "Settings"),
        ("生成(&G)", "生成"),
        ("设置(&S)…", "设置"),
        ("Copy && paste", "Copy & paste"),
        ("Reuse s&eed", "Reuse seed"),
    ],
)
def test_toolbar_labels_and_tooltips_lose_the_mnemonic(menu_text, label):
    assert plain_label(menu_text) == label
