<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BoardsPanel</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="242"/>
        <source>Added %n image(s) to “{0}”.</source>
        <translation>
            <numerusform>Added %n image to “{0}”.</numerusform>
            <numerusform>Added %n images to “{0}”.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="79"/>
        <source>Export %n image(s)</source>
        <translation>
            <numerusform>Export %n image</numerusform>
            <numerusform>Export %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="246"/>
        <source>Exported %n image(s).</source>
        <translation>
            <numerusform>Exported %n image.</numerusform>
            <numerusform>Exported %n images.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerationControls</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="178"/>
        <source>≈ ${cost:.2f} for %n image(s)</source>
        <translation>
            <numerusform>≈ ${cost:.2f} for %n image</numerusform>
            <numerusform>≈ ${cost:.2f} for %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/import_dialog.py" line="15"/>
        <source>Add %n image(s) to the library:</source>
        <translation>
            <numerusform>Add %n image to the library:</numerusform>
            <numerusform>Add %n images to the library:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryImport</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/import_worker.py" line="152"/>
        <source>Adding %n image(s) to the library…</source>
        <translation>
            <numerusform>Adding %n image to the library…</numerusform>
            <numerusform>Adding %n images to the library…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/import_worker.py" line="186"/>
        <source>Added %n image(s) to the library.</source>
        <translation>
            <numerusform>Added %n image to the library.</numerusform>
            <numerusform>Added %n images to the library.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/import_worker.py" line="190"/>
        <source>%n image(s) could not be added: {0} ({1})</source>
        <translation>
            <numerusform>%n image could not be added: {0} ({1})</numerusform>
            <numerusform>%n images could not be added: {0} ({1})</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryMenu</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="202"/>
        <source>Opened the first %n images; select fewer to open the others.</source>
        <translation>
            <numerusform>Opened the first image; select fewer to open the others.</numerusform>
            <numerusform>Opened the first %n images; select fewer to open the others.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="215"/>
        <source>Copied %n image(s)</source>
        <translation>
            <numerusform>Copied %n image</numerusform>
            <numerusform>Copied %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="188"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="311"/>
        <source>Removed %n image(s) from “{0}”.</source>
        <translation>
            <numerusform>Removed %n image from “{0}”.</numerusform>
            <numerusform>Removed %n images from “{0}”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="324"/>
        <source>Tagged %n image(s) “{0}”.</source>
        <translation>
            <numerusform>Tagged %n image “{0}”.</numerusform>
            <numerusform>Tagged %n images “{0}”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="328"/>
        <source>Removed the tag “{0}” from %n image(s).</source>
        <translation>
            <numerusform>Removed the tag “{0}” from %n image.</numerusform>
            <numerusform>Removed the tag “{0}” from %n images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="388"/>
        <source>Moved %n image(s) to the trash.</source>
        <translation>
            <numerusform>Moved %n image to the trash.</numerusform>
            <numerusform>Moved %n images to the trash.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromptEditor</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/compose/prompt_editor.py" line="165"/>
        <source>%n characters too long: Seedream takes at most {max}. Shorten it before generating.</source>
        <translation>
            <numerusform>%n character too long: Seedream takes at most {max}. Shorten it before generating.</numerusform>
            <numerusform>%n characters too long: Seedream takes at most {max}. Shorten it before generating.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReferenceTray</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="182"/>
        <source>%n image(s) not added: {limit}</source>
        <translation>
            <numerusform>%n image not added: {limit}</numerusform>
            <numerusform>%n images not added: {limit}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultCommands</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/result_commands.py" line="114"/>
        <source>Copied %n image(s)</source>
        <translation>
            <numerusform>Copied %n image</numerusform>
            <numerusform>Copied %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/result_commands.py" line="145"/>
        <source>Added %n reference image(s)</source>
        <translation>
            <numerusform>Added %n reference image</numerusform>
            <numerusform>Added %n reference images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/result_commands.py" line="208"/>
        <source>Moved %n image(s) to the trash</source>
        <translation>
            <numerusform>Moved %n image to the trash</numerusform>
            <numerusform>Moved %n images to the trash</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsTrashUndo</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/results/trash_undo.py" line="46"/>
        <source>Moved %n image(s) to the trash.</source>
        <translation>
            <numerusform>Moved %n image to the trash.</numerusform>
            <numerusform>Moved %n images to the trash.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/status_bar.py" line="29"/>
        <source>%n running</source>
        <translation>
            <numerusform>%n running</numerusform>
            <numerusform>%n running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/status_bar.py" line="31"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/status_bar.py" line="33"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
</TS>
