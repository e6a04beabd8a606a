<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ArkKeyRow</name>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="49"/>
        <source>BytePlus ModelArk API key</source>
        <translation>BytePlus ModelArk API 密钥</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="50"/>
        <source>Test key</source>
        <translation>测试密钥</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="53"/>
        <source>Remove key</source>
        <translation>移除密钥</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="56"/>
        <source>Looking in the keychain…</source>
        <translation>正在查询钥匙串…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="84"/>
        <source>A ModelArk key is set (in the system keychain). Type a new one to replace it.</source>
        <translation>已设置 ModelArk 密钥（保存在系统钥匙串中）。输入新密钥即可替换。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="86"/>
        <source>A ModelArk key is set for this session only. Type a new one to replace it.</source>
        <translation>已设置仅限本次会话的 ModelArk 密钥。输入新密钥即可替换。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="87"/>
        <source>A ModelArk key is set by the SEEDREAM_ARK_API_KEY environment variable.</source>
        <translation>ModelArk 密钥由环境变量 SEEDREAM_ARK_API_KEY 设置。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="89"/>
        <source>No ModelArk key is set. Create one in the BytePlus ModelArk console and paste it here.</source>
        <translation>尚未设置 ModelArk 密钥。请在 BytePlus ModelArk 控制台创建密钥并粘贴到此处。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="93"/>
        <source>•••••••• (hidden)</source>
        <translation>••••••••（已隐藏）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="93"/>
        <source>Paste your key</source>
        <translation>粘贴你的密钥</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="112"/>
        <source>There is no keychain to store the ModelArk key in. Tick “keep for this session only” to use it until the app quits.</source>
        <translation>没有可保存 ModelArk 密钥的钥匙串。勾选“仅在本次会话中保留”即可在退出应用前使用它。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="127"/>
        <source>The keychain did not remove the ModelArk key: {reason}</source>
        <translation>钥匙串未能移除 ModelArk 密钥：{reason}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="140"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="151"/>
        <source>Enter a key to test.</source>
        <translation>请输入要测试的密钥。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="160"/>
        <source>✓ The ModelArk key works.</source>
        <translation>✓ ModelArk 密钥可用。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_key_row.py" line="163"/>
        <source>✗ {reason}</source>
        <translation>✗ {reason}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../seedream_desktop/ui/banner.py" line="29"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>BoardsPanel</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="129"/>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="131"/>
        <source>Boards</source>
        <translation>画板</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="132"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="132"/>
        <source>Create a board</source>
        <translation>新建画板</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="133"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="133"/>
        <source>Rename the board</source>
        <translation>重命名画板</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="135"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="136"/>
        <source>Delete the board (its images stay in the library)</source>
        <translation>删除画板（其中的图像仍保留在图库中）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="166"/>
        <source>All images</source>
        <translation>全部图像</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="206"/>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="214"/>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="219"/>
        <source>A board needs a name that no other board has.</source>
        <translation>画板名称不能与其他画板重复。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="242"/>
        <source>Added %n image(s) to “{0}”.</source>
        <translation>
            <numerusform>已将 %n 张图像添加到“{0}”。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="247"/>
        <source>New board</source>
        <translation>新建画板</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="247"/>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="258"/>
        <source>Board name:</source>
        <translation>画板名称：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/boards_panel.py" line="258"/>
        <source>Rename board</source>
        <translation>重命名画板</translation>
    </message>
</context>
<context>
    <name>Colours</name>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="56"/>
        <source>red</source>
        <translation>红色</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="57"/>
        <source>yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="58"/>
        <source>green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="59"/>
        <source>blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="60"/>
        <source>white</source>
        <translation>白色</translation>
    </message>
</context>
<context>
    <name>ComposePanel</name>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="62"/>
        <source>What changed with the model</source>
        <translation>切换模型后的变化</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="64"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="74"/>
        <source>Stop recording this as an edit of that image</source>
        <translation>不再记录为对那张图的修改</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="75"/>
        <source>Clear edited image</source>
        <translation>清除被修改的图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="80"/>
        <source>What blocks generating</source>
        <translation>无法生成的原因</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="83"/>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="85"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="84"/>
        <source>Generate (Ctrl+Enter)</source>
        <translation>生成（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="211"/>
        <source>Saved the kit “{0}”.</source>
        <translation>已保存参考图组“{0}”。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="243"/>
        <source>{model} has no {old}; the size is now {new}.</source>
        <translation>{model} 没有 {old}；尺寸已改为 {new}。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="251"/>
        <source>Too many references for {model} (it takes {max}); remove some before generating.</source>
        <translation>{model} 的参考图太多（它只接受 {max} 张）；生成前请移除一些。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="283"/>
        <source>Editing {0}</source>
        <translation>正在修改 {0}</translation>
    </message>
</context>
<context>
    <name>ComposeSidebar</name>
    <message>
        <location filename="../../seedream_desktop/ui/workspace/compose_sidebar.py" line="20"/>
        <source>Compose</source>
        <translation>撰写</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="51"/>
        <source>Image details</source>
        <translation>图像详情</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="71"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="91"/>
        <source>Prompt:</source>
        <translation>提示词：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="92"/>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="93"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="94"/>
        <source>Cost:</source>
        <translation>费用：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="95"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="96"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="97"/>
        <source>Marks:</source>
        <translation>标记：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="98"/>
        <source>Boards:</source>
        <translation>画板：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="99"/>
        <source>Tags:</source>
        <translation>标签：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="100"/>
        <source>References:</source>
        <translation>参考图：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="101"/>
        <source>Lineage:</source>
        <translation>修改关系：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="103"/>
        <source>Reuse settings</source>
        <translation>复用设置</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="104"/>
        <source>Put this image&apos;s prompt, size and settings into the composer</source>
        <translation>把这张图像的提示词、尺寸和设置填入生成面板</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="105"/>
        <source>Use as reference</source>
        <translation>用作参考图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="106"/>
        <source>Add this image to the reference tray</source>
        <translation>把这张图像加入参考图栏</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="107"/>
        <source>Edit this</source>
        <translation>修改这张</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="109"/>
        <source>Use this image as a reference and record the next generation as its edit</source>
        <translation>把这张图像用作参考图，并把下一次生成记录为对它的修改</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="122"/>
        <source>Select an image to see its details.</source>
        <translation>选择一张图像以查看详细信息。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="175"/>
        <source>(no prompt recorded)</source>
        <translation>（未记录提示词）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="180"/>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="181"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="187"/>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="189"/>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="229"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="237"/>
        <source>pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="239"/>
        <source>image {0}: {1}</source>
        <translation>图{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="263"/>
        <source>not an edit, not edited yet</source>
        <translation>不是修改所得，也尚未被修改</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="266"/>
        <source>edited from {0}</source>
        <translation>修改自 {0}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/details_panel.py" line="272"/>
        <source>edited into {0}</source>
        <translation>已修改为 {0}</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="80"/>
        <source>Edit a Region – {name}</source>
        <translation>编辑区域 – {name}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="86"/>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="87"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="88"/>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="89"/>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="90"/>
        <source>Arrow</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="91"/>
        <source>Box</source>
        <translation>方框</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="92"/>
        <source>Line</source>
        <translation>线条</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="93"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="107"/>
        <source>Cut from Mask</source>
        <translation>从蒙版中减去</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="121"/>
        <source>Brush </source>
        <translation>画笔 </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="128"/>
        <source>Feather </source>
        <translation>羽化 </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="131"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="133"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="136"/>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="139"/>
        <source>100 %</source>
        <translation>100 %</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="146"/>
        <source>What should change in the marked area?</source>
        <translation>标记区域里要改成什么？</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="153"/>
        <source>Output size: {label} ({dimensions}), pasted back at {width}×{height}</source>
        <translation>输出尺寸：{label}（{dimensions}），贴回为 {width}×{height}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="158"/>
        <source>Keep everything outside the mask exactly (paste back)</source>
        <translation>蒙版以外的内容保持完全不变（贴回原图）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="163"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="167"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="171"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="172"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="210"/>
        <source>Text label</source>
        <translation>文字标注</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="210"/>
        <source>Label text:</source>
        <translation>标注文字：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="234"/>
        <source>Write what should change in the marked area.</source>
        <translation>请写下标记区域里要改成什么。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/dialog.py" line="239"/>
        <source>Preparing the edit…</source>
        <translation>正在准备编辑…</translation>
    </message>
</context>
<context>
    <name>EditSessions</name>
    <message>
        <location filename="../../seedream_desktop/ui/edit/sessions.py" line="123"/>
        <source>Edit sent: {size}</source>
        <translation>编辑已发送：{size}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/sessions.py" line="157"/>
        <source>Could not paste the edit back: {reason}</source>
        <translation>无法把编辑结果贴回原图：{reason}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/edit/sessions.py" line="172"/>
        <source>Edit pasted back: {name}</source>
        <translation>编辑结果已贴回：{name}</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <location filename="../../seedream_desktop/library/edits/plan.py" line="17"/>
        <source>Edit image 1. Change only the area marked in image 2: {instruction}. Keep everything else exactly the same.</source>
        <translation>编辑图 1。只修改图 2 中标记的区域：{instruction}。其他部分保持完全不变。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../seedream_desktop/library/edits/prepare.py" line="76"/>
        <source>Paint a mask or draw markup where the change goes.</source>
        <translation>请在要修改的地方涂抹蒙版或画上标注。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/ark.py" line="45"/>
        <source>BytePlus ModelArk refused the request: {detail}</source>
        <translation>BytePlus ModelArk 拒绝了请求：{detail}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/ark.py" line="49"/>
        <source>BytePlus ModelArk did not accept the API key.</source>
        <translation>BytePlus ModelArk 不接受该 API 密钥。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/ark.py" line="50"/>
        <source>Store a ModelArk key with `seedream key set --provider ark`.</source>
        <translation>请用 `seedream key set --provider ark` 保存 ModelArk 密钥。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/ark.py" line="57"/>
        <source>The connection to BytePlus broke after {saved} image(s); the rest may have been charged.</source>
        <translation>与 BytePlus 的连接在 {saved} 张图片后中断；其余图片可能已被计费。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/ark.py" line="60"/>
        <source>Nothing is sent again by itself: check your BytePlus usage, then send the job again if you want.</source>
        <translation>不会自动重新发送：请先查看 BytePlus 用量，如需要再重新发送该任务。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/ark.py" line="73"/>
        <source>{model} is not offered through BytePlus ModelArk; use Runware.</source>
        <translation>{model} 不通过 BytePlus ModelArk 提供；请使用 Runware。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/ark.py" line="81"/>
        <source>BytePlus ModelArk makes one image per request; use Sequential for a set.</source>
        <translation>BytePlus ModelArk 每次请求只生成一张图片；如需组图请使用“连续”。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/ark.py" line="91"/>
        <source>{count} reference images; ModelArk takes at most {max}.</source>
        <translation>参考图 {count} 张；ModelArk 最多接受 {max} 张。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="21"/>
        <source>Something went wrong: {detail}</source>
        <translation>出错了：{detail}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="58"/>
        <source>{detail}</source>
        <translation>{detail}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="81"/>
        <source>Runware did not accept the API key.</source>
        <translation>Runware 不接受此 API 密钥。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="82"/>
        <source>Open Settings and enter a valid key from my.runware.ai.</source>
        <translation>请打开设置，输入来自 my.runware.ai 的有效密钥。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="87"/>
        <source>No Runware API key is set.</source>
        <translation>尚未设置 Runware API 密钥。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="91"/>
        <source>This API key may not use Seedream 4.0.</source>
        <translation>此 API 密钥无权使用 Seedream 4.0。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="95"/>
        <source>Your Runware balance is too low for this generation.</source>
        <translation>你的 Runware 余额不足以完成这次生成。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="96"/>
        <source>Top up your credits at my.runware.ai, then retry.</source>
        <translation>请在 my.runware.ai 充值后重试。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="103"/>
        <source>Runware refused the setting &apos;{parameter}&apos;: {detail}</source>
        <translation>Runware 拒绝了设置“{parameter}”：{detail}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="107"/>
        <source>Runware is busy right now.</source>
        <translation>Runware 当前繁忙。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="108"/>
        <source>The app retries by itself; try again in a minute if it keeps failing.</source>
        <translation>应用会自动重试；如果一直失败，请过一分钟再试。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="115"/>
        <source>Seedream took too long to answer.</source>
        <translation>Seedream 响应超时。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="116"/>
        <source>Retry the job; nothing was charged for images that did not arrive.</source>
        <translation>请重试该任务；未收到的图像不会收费。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="121"/>
        <source>The prompt or an image was refused by the content policy.</source>
        <translation>提示词或图像因内容政策被拒绝。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="122"/>
        <source>Change the prompt or the reference images and try again.</source>
        <translation>请修改提示词或参考图后重试。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="128"/>
        <source>Runware already has this job.</source>
        <translation>Runware 上已有这个任务。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="132"/>
        <source>Runware had a problem on its side ({detail}).</source>
        <translation>Runware 服务端出现问题（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="133"/>
        <source>Retry the job in a moment.</source>
        <translation>请稍后重试该任务。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="138"/>
        <source>Could not reach Runware: {detail}</source>
        <translation>无法连接 Runware：{detail}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="139"/>
        <source>Check your internet connection; queued jobs go out when it is back.</source>
        <translation>请检查网络连接；排队中的任务会在连接恢复后发送。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="144"/>
        <source>The result link expired before the image was downloaded.</source>
        <translation>结果链接在图像下载前已过期。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="145"/>
        <source>Runware keeps results for a limited time; generate again.</source>
        <translation>Runware 只在有限时间内保留结果；请重新生成。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="151"/>
        <source>The image that arrived is damaged ({detail}).</source>
        <translation>收到的图像已损坏（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="152"/>
        <source>Retry the job; the download will be attempted again.</source>
        <translation>请重试该任务；将重新尝试下载。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="159"/>
        <source>Could not save the image: {detail}</source>
        <translation>无法保存图像：{detail}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="160"/>
        <source>Free some disk space or choose another library folder; the result is kept and saved on retry.</source>
        <translation>请释放一些磁盘空间或选择其他图库文件夹；结果已保留，重试时会保存。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="167"/>
        <source>This job (about ${estimate:.2f}) would take today&apos;s spend past your budget of ${budget:.2f}.</source>
        <translation>这个任务（约 ${estimate:.2f}）会使今日花费超出你的预算 ${budget:.2f}。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="171"/>
        <source>Raise the budget in Settings or generate fewer images.</source>
        <translation>请在设置中提高预算，或减少生成的图像数量。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="176"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="183"/>
        <source>Runware sent a reply the app cannot use ({detail}).</source>
        <translation>Runware 发来的回复无法使用（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="184"/>
        <location filename="../../seedream_desktop/api/errors.py" line="193"/>
        <location filename="../../seedream_desktop/api/errors.py" line="204"/>
        <source>Retry the job; if it keeps happening, check the API URL in Settings.</source>
        <translation>请重试该任务；如果反复出现，请在“设置”中检查 API 地址。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="192"/>
        <source>The image link Runware sent was not followed: {detail}.</source>
        <translation>未打开 Runware 发来的图片链接：{detail}。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/errors.py" line="201"/>
        <source>The image Runware sent is larger than {limit_mb} MB, so it was not saved.</source>
        <translation>Runware 发来的图片超过 {limit_mb} MB，因此未保存。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="61"/>
        <source>it has more than 25 million pixels</source>
        <translation>它超过了 2500 万像素</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="62"/>
        <source>the file is larger than 30 MB</source>
        <translation>文件大于 30 MB</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="63"/>
        <location filename="../../seedream_desktop/library/edits/original.py" line="53"/>
        <source>it is not a picture format Seedream can read</source>
        <translation>Seedream 无法读取这种图像格式</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="69"/>
        <source>“{name}” cannot be used as a reference: {detail}</source>
        <translation>“{name}”无法用作参考图：{detail}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="70"/>
        <source>Export it as a PNG or JPEG under 30 MB and add it again.</source>
        <translation>请将它导出为小于 30 MB 的 PNG 或 JPEG，再重新添加。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="81"/>
        <source>“{name}” {detail}, so it cannot be used as a reference.</source>
        <translation>“{name}” {detail}，因此不能用作参考图。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="82"/>
        <source>Choose a picture file (PNG, JPEG or WEBP under 30 MB) and add it again.</source>
        <translation>请选择一个图片文件（30 MB 以内的 PNG、JPEG 或 WEBP），然后重新添加。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="90"/>
        <source>Make the file readable for your user, or copy it somewhere you can read, and add it again.</source>
        <translation>请让当前用户可以读取该文件，或把它复制到你能读取的位置，然后重新添加。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="149"/>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="167"/>
        <location filename="../../seedream_desktop/library/edits/original.py" line="57"/>
        <source>the file is damaged or incomplete</source>
        <translation>文件已损坏或不完整</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="188"/>
        <source>it is a HEIC photo, which Seedream cannot read</source>
        <translation>它是 HEIC 照片，Seedream 无法读取</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="190"/>
        <source>it is a drawing (SVG), not a picture made of pixels</source>
        <translation>它是矢量图（SVG），不是由像素组成的图片</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="197"/>
        <source>it is too small (at least 15 pixels a side)</source>
        <translation>图像太小（每边至少 15 像素）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/references.py" line="199"/>
        <source>it is too long and thin (at most 16:1)</source>
        <translation>图像太细长（长宽比最多 16:1）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request.py" line="139"/>
        <source>{model} is not a model this app knows; pick one from the list.</source>
        <translation>{model} 不是本应用认识的模型；请从列表中选择一个。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="137"/>
        <source>Write a prompt first ({min}–{max} characters).</source>
        <translation>请先写提示词（{min}–{max} 个字符）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="141"/>
        <source>The prompt has {count} characters; {model} takes at most {max}.</source>
        <translation>提示词有 {count} 个字符；{model} 最多接受 {max} 个。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="144"/>
        <source>{width}×{height} is not one of {model}&apos;s sizes.</source>
        <translation>{width}×{height} 不是 {model} 支持的尺寸。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="147"/>
        <source>{count} reference images; {model} takes at most {max}.</source>
        <translation>参考图 {count} 张；{model} 最多接受 {max} 张。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="152"/>
        <source>{model} edits one picture: add it to the references.</source>
        <translation>{model} 只编辑一张图片：请把它加入参考图。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="157"/>
        <source>{model} takes no guidance scale; leave it empty.</source>
        <translation>{model} 不接受引导系数；请留空。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="162"/>
        <source>Guidance scale must be {min}–{max} (got {value}).</source>
        <translation>引导系数必须在 {min}–{max} 之间（当前为 {value}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="167"/>
        <source>{model} does not take prompt optimisation {value}.</source>
        <translation>{model} 不支持提示词优化模式 {value}。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="172"/>
        <source>Number of images must be {min}–{max} (got {value}).</source>
        <translation>图像数量必须为 {min}–{max}（当前为 {value}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="177"/>
        <source>{model} makes no sequential sets; turn Sequential off.</source>
        <translation>{model} 不能生成连续组图；请关闭“连续”。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="182"/>
        <source>Sequential images must be {min}–{max} (got {value}).</source>
        <translation>组图数量必须为 {min}–{max}（当前为 {value}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="187"/>
        <source>{refs} references + {seq} sequential images is {total}; together they may be at most {max}.</source>
        <translation>{refs} 张参考图 + {seq} 张组图共 {total} 张；两者合计最多 {max} 张。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="194"/>
        <source>Format must be PNG, JPG or WEBP (got {value}).</source>
        <translation>格式必须是 PNG、JPG 或 WEBP（当前为 {value}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="196"/>
        <source>Quality must be {min}–{max} (got {value}).</source>
        <translation>质量必须为 {min}–{max}（当前为 {value}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="199"/>
        <source>Seed must be a whole number from {min} to {max} (got {value}).</source>
        <translation>种子必须是 {min} 到 {max} 之间的整数（当前为 {value}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="204"/>
        <source>Result links must live at least {min} seconds (got {value}).</source>
        <translation>结果链接的有效期至少为 {min} 秒（当前为 {value}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="209"/>
        <source>Safety check must be none, fast or full.</source>
        <translation>安全检查只能是关闭、快速或完整。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="214"/>
        <source>Delivery must be async or sync.</source>
        <translation>交付方式只能是异步或同步。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/api/request_rules.py" line="219"/>
        <source>Output type must be URL, base64Data or dataURI.</source>
        <translation>输出类型只能是 URL、base64Data 或 dataURI。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/ark_jobs.py" line="38"/>
        <location filename="../../seedream_desktop/jobs/ark_lane.py" line="44"/>
        <source>May have been charged, no result to fetch.</source>
        <translation>可能已计费，没有可取回的结果。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/ark_jobs.py" line="62"/>
        <source>This ModelArk job may already have been charged; it is only sent again when you say so.</source>
        <translation>此 ModelArk 任务可能已被计费；只有在你确认后才会重新发送。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/ark_jobs.py" line="65"/>
        <source>Run `seedream ark resend JOB --yes` to send it again on purpose.</source>
        <translation>运行 `seedream ark resend JOB --yes` 以确认重新发送。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/ark_lane.py" line="45"/>
        <source>Check your BytePlus usage; send it again only if you want to pay for it again.</source>
        <translation>请查看你的 BytePlus 用量；只有愿意再次付费时才重新发送。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/ark_lane.py" line="51"/>
        <source>No BytePlus ModelArk API key is set.</source>
        <translation>尚未设置 BytePlus ModelArk API 密钥。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/ark_lane.py" line="52"/>
        <source>Add your ModelArk key in Settings, or choose Runware as the provider.</source>
        <translation>请在设置中添加 ModelArk 密钥，或选择 Runware 作为服务商。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/edit_results.py" line="34"/>
        <source>The edit moved the picture by {dx}, {dy} px: the pasted-back “{name}” may show a seam; the model&apos;s full output is “{output}”.</source>
        <translation>编辑使画面移动了 {dx}, {dy} 像素：贴回后的“{name}”可能有接缝；模型的完整输出是“{output}”。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/edit_results.py" line="39"/>
        <source>The edit also changed the unmarked area: the pasted-back “{name}” may show a seam; the model&apos;s full output is “{output}”.</source>
        <translation>编辑也改动了未标记的区域：贴回后的“{name}”可能有接缝；模型的完整输出是“{output}”。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/errors.py" line="19"/>
        <source>Runware does not know this job&apos;s task ({detail}).</source>
        <translation>Runware 找不到此任务（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/errors.py" line="20"/>
        <source>The images that arrived are kept; the job is asked for again the next time the app connects to the same API.</source>
        <translation>已收到的图像都会保留；下次应用连接到同一 API 时会再次查询此任务。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/errors.py" line="30"/>
        <source>Jobs need their results as links (outputType URL), not as {output_type}.</source>
        <translation>任务的结果须以链接形式返回（outputType URL），而不是 {output_type}。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/errors.py" line="33"/>
        <source>Ask for URL results: a link can be downloaded again after a crash, inline data cannot.</source>
        <translation>请选择 URL 结果：崩溃后链接仍可再次下载，内嵌数据则不能。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/jobs/errors.py" line="42"/>
        <source>This job was sent to {api_url}; connect to that API to retry it.</source>
        <translation>此任务已发送到 {api_url}；请连接到该 API 后再重试。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/adjust.py" line="19"/>
        <source>it is not a region edit made here</source>
        <translation>它不是在这里做的区域编辑</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/adjust.py" line="20"/>
        <source>the picture it was made from is no longer at {path}</source>
        <translation>它的原图已不在 {path}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/errors.py" line="15"/>
        <source>“{name}” cannot be used for this edit: {detail}</source>
        <translation>“{name}”无法用于这次编辑：{detail}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/errors.py" line="34"/>
        <source>the file cannot be read</source>
        <translation>文件无法读取</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="108"/>
        <source>it is not JSON</source>
        <translation>它不是 JSON</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="114"/>
        <source>it is not a version 1 markup document</source>
        <translation>它不是第 1 版标注文档</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="118"/>
        <source>“size” must be [width, height]</source>
        <translation>“size”必须是 [宽, 高]</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="122"/>
        <source>“items” must be a list of at most 500 marks</source>
        <translation>“items”必须是最多 500 个标注的列表</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="125"/>
        <source>the marks have too many points</source>
        <translation>标注的点太多</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="131"/>
        <source>each mark needs a kind: arrow, box, line or text</source>
        <translation>每个标注都需要类型：arrow、box、line 或 text</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="137"/>
        <source>“points” must be a list of [x, y] pairs</source>
        <translation>“points”必须是 [x, y] 坐标对的列表</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="140"/>
        <source>a mark has too few points</source>
        <translation>某个标注的点太少</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="143"/>
        <source>colours are red, yellow, green, blue or white</source>
        <translation>颜色只能是 red、yellow、green、blue 或 white</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="146"/>
        <source>“width” must be a number of pixels</source>
        <translation>“width”必须是像素数</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/markup.py" line="149"/>
        <source>a text mark needs 1–200 characters of text</source>
        <translation>文字标注需要 1–200 个字符</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/mask.py" line="45"/>
        <source>it is not a readable mask picture</source>
        <translation>它不是可读取的蒙版图片</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/mask.py" line="46"/>
        <source>Save the mask as a PNG, white where the change goes.</source>
        <translation>请把蒙版存为 PNG，要修改的地方为白色。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/mask.py" line="56"/>
        <source>The mask is {mask_size} and the picture is {picture_size}: the mask was stretched to fit.</source>
        <translation>蒙版为 {mask_size}，图片为 {picture_size}：蒙版已拉伸以适配。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/mask.py" line="73"/>
        <source>the mask is empty</source>
        <translation>蒙版是空的</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/mask.py" line="74"/>
        <source>Paint white where the change goes, or edit with markup only.</source>
        <translation>请把要修改的地方涂白，或只用标注来编辑。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/mask.py" line="79"/>
        <source>the mask covers the whole picture</source>
        <translation>蒙版覆盖了整张图片</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/mask.py" line="80"/>
        <source>Leave unmasked what must stay, or edit without a mask.</source>
        <translation>请让要保留的部分留在蒙版之外，或不用蒙版编辑。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/edits/plan.py" line="90"/>
        <source>there is no mask and no markup</source>
        <translation>没有蒙版，也没有标注</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/kits.py" line="35"/>
        <source>Reference kit: {detail}</source>
        <translation>参考图组：{detail}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/kits.py" line="75"/>
        <source>there is no kit named “{name}”.</source>
        <translation>没有名为“{name}”的图组。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/kits.py" line="79"/>
        <source>the kit “{name}” lost {count} image(s): {files}</source>
        <translation>图组“{name}”缺少 {count} 张图像：{files}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/kits.py" line="91"/>
        <source>give the kit a name.</source>
        <translation>请给图组起个名字。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/kits.py" line="94"/>
        <source>a kit name may be at most {max} characters.</source>
        <translation>图组名称最多 {max} 个字符。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/kits.py" line="97"/>
        <source>the tray is empty; add reference images first.</source>
        <translation>参考图栏是空的；请先添加参考图。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/kits.py" line="100"/>
        <source>{count} images; a kit holds at most {max}.</source>
        <translation>有 {count} 张图像；一个图组最多容纳 {max} 张。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/kits.py" line="117"/>
        <source>could not read {file}: {error}</source>
        <translation>无法读取 {file}：{error}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="20"/>
        <source>cannot be read: permission denied</source>
        <translation>无法读取：没有权限</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="39"/>
        <source>is a link to a file that no longer exists</source>
        <translation>是一个指向已不存在文件的链接</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="41"/>
        <location filename="../../seedream_desktop/regular_files.py" line="119"/>
        <location filename="../../seedream_desktop/regular_files.py" line="128"/>
        <source>does not exist</source>
        <translation>不存在</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="47"/>
        <source>is not a usable file name</source>
        <translation>不是可用的文件名</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="76"/>
        <location filename="../../seedream_desktop/regular_files.py" line="120"/>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="81"/>
        <source>grew past the size limit while it was read</source>
        <translation>在读取过程中超出了大小上限</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="100"/>
        <source>is a folder, not a file</source>
        <translation>是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="102"/>
        <source>is not a regular file (it is a pipe)</source>
        <translation>不是普通文件（而是管道）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="104"/>
        <source>is not a regular file (it is a socket)</source>
        <translation>不是普通文件（而是套接字）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="106"/>
        <source>is not a regular file (it is a device)</source>
        <translation>不是普通文件（而是设备）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="108"/>
        <source>is not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="110"/>
        <source>is too large</source>
        <translation>太大</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="115"/>
        <source>is a link that points back to itself</source>
        <translation>是一个指向自身的循环链接</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/regular_files.py" line="117"/>
        <source>has a name that is too long</source>
        <translation>文件名太长</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/panel.py" line="28"/>
        <source>Reference images are still being prepared.</source>
        <translation>参考图仍在准备中。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../seedream_desktop/library/export.py" line="37"/>
        <source>{name} was not exported: {reason}</source>
        <translation>{name} 未能导出：{reason}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="79"/>
        <source>Export %n image(s)</source>
        <translation>
            <numerusform>导出 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="92"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="97"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="101"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="105"/>
        <source>Quality:</source>
        <translation>质量：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="108"/>
        <source>Original size</source>
        <translation>原始尺寸</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="109"/>
        <source>Long edge</source>
        <translation>长边</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="112"/>
        <source>{size} (cropped to fill)</source>
        <translation>{size}（裁切填满）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="117"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="121"/>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="125"/>
        <source>Keep all</source>
        <translation>全部保留</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="126"/>
        <source>Keep, without the prompt</source>
        <translation>保留，但去掉提示词</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="127"/>
        <source>None</source>
        <translation>不保留</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="128"/>
        <source>Metadata:</source>
        <translation>元数据：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="132"/>
        <source>Fields: {fields}</source>
        <translation>可用字段：{fields}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="134"/>
        <source>File names:</source>
        <translation>文件名：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="142"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="157"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="211"/>
        <source>Choose a folder to export into.</source>
        <translation>请选择要导出到的文件夹。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="222"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="235"/>
        <source>Stopping after the images already started…</source>
        <translation>正在停止，已开始的图像会先完成…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="246"/>
        <source>Exported %n image(s).</source>
        <translation>
            <numerusform>已导出 %n 张图像。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="248"/>
        <source>Cancelled: the rest were not exported.</source>
        <translation>已取消：其余图像未导出。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/export_dialog.py" line="255"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="39"/>
        <source>Search prompts — fox, 灯塔, &quot;red fox&quot;, seed:42, is:fav</source>
        <translation>搜索提示词 — 灯塔, 狐狸, &quot;红色 狐狸&quot;, seed:42, is:fav</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="40"/>
        <source>Search the library</source>
        <translation>搜索图库</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="43"/>
        <source>Words find prompts holding them (fox also finds foxes); Chinese finds any part of a prompt.
&quot;exact phrase&quot;, -word to leave out, seed:42, size:2K-16:9, tier:4K, format:png, rating&gt;=3,
is:fav, is:edit, has:refs, board:Name, tag:name, date:2025-09, date&gt;=2025-09-01 date&lt;2025-10</source>
        <translation>英文单词按词首查找（输入一个词，也能找到以它开头的更长的词）；中文可找到提示词中的任意片段。
&quot;完整短语&quot;、-词 表示排除、seed:42、size:2K-16:9、tier:4K、format:png、rating&gt;=3、
is:fav、is:edit、has:refs、board:画板名、tag:标签、date:2025-09、date&gt;=2025-09-01 date&lt;2025-10</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="50"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="51"/>
        <source>Any date</source>
        <translation>任意日期</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="51"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="51"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="52"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="52"/>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="54"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="54"/>
        <source>Any size</source>
        <translation>任意尺寸</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="56"/>
        <source>Aspect ratio</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="56"/>
        <source>Any aspect</source>
        <translation>任意比例</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="59"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="60"/>
        <source>Any format</source>
        <translation>任意格式</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="64"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="64"/>
        <source>Any model</source>
        <translation>任意模型</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="68"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="68"/>
        <source>Any rating</source>
        <translation>任意评分</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="70"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="70"/>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="128"/>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="72"/>
        <source>Edits</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="73"/>
        <source>Edits and originals</source>
        <translation>修改图和原图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="73"/>
        <source>Only edits</source>
        <translation>仅修改图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="74"/>
        <source>Only originals</source>
        <translation>仅原图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="77"/>
        <source>Sort</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="78"/>
        <source>Newest first</source>
        <translation>最新的在前</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="78"/>
        <source>Oldest first</source>
        <translation>最早的在前</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="79"/>
        <source>Best rated</source>
        <translation>评分最高</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="82"/>
        <source>♥ Favourites</source>
        <translation>♥ 收藏</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="84"/>
        <source>Only favourites</source>
        <translation>仅显示收藏</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/filter_bar.py" line="85"/>
        <source>With references</source>
        <translation>使用了参考图</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../seedream_desktop/ui/first_run.py" line="18"/>
        <source>Welcome to {app}</source>
        <translation>欢迎使用 {app}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/first_run.py" line="24"/>
        <source>&lt;h2&gt;Make images with Seedream 4.0&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;用 Seedream 4.0 生成图像&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/first_run.py" line="28"/>
        <source>No Runware API key is set yet.&lt;br&gt;&lt;br&gt;&lt;b&gt;Try the demo&lt;/b&gt; to see the whole app at work: a built-in stand-in for Runware runs on this computer, makes placeholder images and charges nothing.&lt;br&gt;&lt;br&gt;&lt;b&gt;Enter a key&lt;/b&gt; to generate real images. Keys come from &lt;a href=&apos;https://my.runware.ai&apos;&gt;my.runware.ai&lt;/a&gt;; the app keeps yours in the system keychain.</source>
        <translation>尚未设置 Runware API 密钥。&lt;br&gt;&lt;br&gt;&lt;b&gt;试用演示&lt;/b&gt;，看看整个应用如何运作：本机会运行一个内置的 Runware 替身，生成占位图像，不收取任何费用。&lt;br&gt;&lt;br&gt;&lt;b&gt;输入密钥&lt;/b&gt;，即可生成真实图像。密钥可在 &lt;a href=&apos;https://my.runware.ai&apos;&gt;my.runware.ai&lt;/a&gt; 获取；应用会把它保存在系统钥匙串中。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/first_run.py" line="40"/>
        <source>Try the demo</source>
        <translation>试用演示</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/first_run.py" line="43"/>
        <source>Enter a key…</source>
        <translation>输入密钥…</translation>
    </message>
</context>
<context>
    <name>GenerationControls</name>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="46"/>
        <source>Number of images</source>
        <translation>图像数量</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="48"/>
        <source>How many separate images to make ({0}–{1}).</source>
        <translation>要生成几张独立的图像（{0}–{1}）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="53"/>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="90"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="54"/>
        <source>Sequential images</source>
        <translation>组图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="57"/>
        <source>Off, or up to {0} images made as one coherent, numbered set (a storyboard, a character sheet). References plus sequential images may be at most 15; the model may return fewer.</source>
        <translation>关闭，或生成最多 {0} 张连贯、编号的组图（如分镜、角色设定图）。参考图与组图合计最多 15 张；模型返回的张数可能更少。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="67"/>
        <source>File format</source>
        <translation>文件格式</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="68"/>
        <source>PNG keeps every pixel; JPG and WEBP are smaller files.</source>
        <translation>PNG 保留全部像素；JPG 和 WEBP 文件更小。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="73"/>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="75"/>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="76"/>
        <source>Use a fixed seed</source>
        <translation>使用固定种子</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="77"/>
        <source>Off: a new random seed every time. On: repeat this exact seed.</source>
        <translation>关闭：每次使用新的随机种子。开启：重复使用这个种子。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="80"/>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="81"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="82"/>
        <source>A whole number from {0} to {1}.</source>
        <translation>{0} 到 {1} 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="84"/>
        <source>Roll</source>
        <translation>随机取值</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="85"/>
        <source>Roll a new seed and keep it fixed</source>
        <translation>随机取一个新种子并固定</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="86"/>
        <source>Roll a new seed</source>
        <translation>随机取一个新种子</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="90"/>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="90"/>
        <source>Full</source>
        <translation>完整</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="92"/>
        <source>Safety check</source>
        <translation>安全检查</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="93"/>
        <source>Have Runware check the results for unsafe content.</source>
        <translation>让 Runware 检查结果中是否有不安全内容。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="96"/>
        <source>Cost estimate</source>
        <translation>费用估算</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="105"/>
        <source>&amp;Images:</source>
        <translation>图像数(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="106"/>
        <source>Se&amp;quential:</source>
        <translation>组图(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="107"/>
        <source>F&amp;ormat:</source>
        <translation>格式(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="108"/>
        <source>&amp;Quality:</source>
        <translation>质量(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="110"/>
        <source>S&amp;eed:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="113"/>
        <source>Sa&amp;fety:</source>
        <translation>安全(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="176"/>
        <source>≈ ${cost:.2f} for up to {n} images (the model may return fewer)</source>
        <translation>≈ ${cost:.2f}，最多 {n} 张图像（模型返回的可能更少）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="178"/>
        <source>≈ ${cost:.2f} for %n image(s)</source>
        <translation>
            <numerusform>≈ ${cost:.2f}，%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="191"/>
        <source>PNG is lossless; quality applies to JPG and WEBP only.</source>
        <translation>PNG 为无损格式；质量只对 JPG 和 WEBP 有效。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/controls.py" line="193"/>
        <source>Compression quality, {0}–{1} (higher is larger and sharper).</source>
        <translation>压缩质量，{0}–{1}（越高文件越大、越清晰）。</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/viewer.py" line="27"/>
        <source>Viewer</source>
        <translation>查看器</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/viewer.py" line="40"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/viewer.py" line="56"/>
        <source>{0} — Viewer</source>
        <translation>{0} — 查看器</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/viewer.py" line="62"/>
        <source>Loading {0}…</source>
        <translation>正在载入 {0}…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/viewer.py" line="129"/>
        <source>This image cannot be shown (the file is missing or damaged).</source>
        <translation>无法显示这张图像（文件丢失或已损坏）。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/import_dialog.py" line="14"/>
        <source>Add to the library</source>
        <translation>添加到图库</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/import_dialog.py" line="15"/>
        <source>Add %n image(s) to the library:</source>
        <translation>
            <numerusform>将 %n 张图像添加到图库：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/import_dialog.py" line="16"/>
        <source>Copy them into the library folder</source>
        <translation>复制到图库文件夹</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/import_dialog.py" line="18"/>
        <source>Keep them where they are (the library links to them; moving them breaks the link)</source>
        <translation>保留在原位置（图库只记录链接；移动文件会使链接失效）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/import_dialog.py" line="24"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>KitsButton</name>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="24"/>
        <source>Kits</source>
        <translation>图组</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="26"/>
        <source>Reference kits: saved, named sets of reference images</source>
        <translation>参考图组：已保存、有名称的参考图集合</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="27"/>
        <source>Reference kits</source>
        <translation>参考图组</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="38"/>
        <source>Save tray as kit…</source>
        <translation>将参考图栏存为图组…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="43"/>
        <source>No kits saved yet</source>
        <translation>尚未保存任何图组</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="47"/>
        <source>Load</source>
        <translation>载入</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="50"/>
        <source>Replace the tray with the kit “{0}”</source>
        <translation>用图组“{0}”替换参考图栏</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="53"/>
        <source>Delete kit</source>
        <translation>删除图组</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="73"/>
        <source>Save reference kit</source>
        <translation>保存参考图组</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="73"/>
        <source>Kit name:</source>
        <translation>图组名称：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="80"/>
        <source>Replace kit?</source>
        <translation>替换图组？</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="81"/>
        <source>A kit named “{0}” exists. Replace it with the current tray?</source>
        <translation>已有名为“{0}”的图组。要用当前参考图栏替换它吗？</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="91"/>
        <source>Delete kit?</source>
        <translation>删除图组？</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/kits_menu.py" line="91"/>
        <source>Delete the reference kit “{0}”?</source>
        <translation>删除参考图组“{0}”？</translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <location filename="../../seedream_desktop/library/notice.py" line="16"/>
        <source>The library index was damaged. It was set aside as {name} and is being rebuilt from your images; favourites, ratings, boards and tags are kept.</source>
        <translation>图库索引已损坏。它已另存为 {name}，正根据你的图像重建；收藏、评分、画板和标签都会保留。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/notice.py" line="21"/>
        <source>The library index {path} could not be used: {detail}</source>
        <translation>无法使用图库索引 {path}：{detail}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/notice.py" line="22"/>
        <source>{name} is not a picture the library keeps: it holds PNG, JPEG and WEBP files.</source>
        <translation>{name} 不是图库保存的图片类型：图库只收录 PNG、JPEG 和 WEBP 文件。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/notice.py" line="26"/>
        <source>{name}: its embedded text is larger than {limit} KiB, so it was not read; the picture is listed without its prompt and settings.</source>
        <translation>{name}：其中嵌入的文字超过 {limit} KiB，因此未读取；图片已列入图库，但没有提示词和设置。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/notice.py" line="31"/>
        <source>{name}: part of its embedded metadata is damaged or unsafe, so it was not read; the picture is listed with what could be read.</source>
        <translation>{name}：部分嵌入的元数据已损坏或不安全，因此未读取；图片已按可读取的信息列入图库。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/library/pictures.py" line="30"/>
        <source>{name} is {megapixels} megapixels, more than the {limit} the library draws; it is shown as a grey tile.</source>
        <translation>{name} 有 {megapixels} 百万像素，超过图库可绘制的 {limit} 百万像素；将显示为灰色方块。</translation>
    </message>
</context>
<context>
    <name>LibraryGrid</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_grid.py" line="60"/>
        <source>Library grid</source>
        <translation>图库网格</translation>
    </message>
</context>
<context>
    <name>LibraryImport</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/import_worker.py" line="117"/>
        <source>Looking for images in what was dropped…</source>
        <translation>正在查找拖入内容中的图像…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/import_worker.py" line="140"/>
        <source>No images (PNG, JPEG, WebP) in what was dropped.</source>
        <translation>拖入的内容中没有图像（PNG、JPEG、WebP）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/import_worker.py" line="150"/>
        <source>Nothing was added to the library.</source>
        <translation>没有图像添加到图库。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/import_worker.py" line="152"/>
        <source>Adding %n image(s) to the library…</source>
        <translation>
            <numerusform>正在将 %n 张图像添加到图库…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/import_worker.py" line="179"/>
        <source>Adding images to the library: {0} of {1}…</source>
        <translation>正在将图像添加到图库：第 {0} 张，共 {1} 张…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/import_worker.py" line="186"/>
        <source>Added %n image(s) to the library.</source>
        <translation>
            <numerusform>已将 %n 张图像添加到图库。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/import_worker.py" line="190"/>
        <source>%n image(s) could not be added: {0} ({1})</source>
        <translation>
            <numerusform>%n 张图像无法添加：{0}（{1}）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryMenu</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="50"/>
        <source>Show in Folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="53"/>
        <source>Copy Image</source>
        <translation>复制图像</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="56"/>
        <source>Copy Prompt</source>
        <translation>复制提示词</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="58"/>
        <source>Reuse Settings</source>
        <translation>复用设置</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="60"/>
        <source>Use as Reference</source>
        <translation>用作参考图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="62"/>
        <source>Edit This</source>
        <translation>修改这张</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="64"/>
        <source>Edit a Region…</source>
        <translation>编辑区域…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="68"/>
        <source>Adjust This Edit…</source>
        <translation>调整这次编辑…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="123"/>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="124"/>
        <source>Open in Default App</source>
        <translation>用默认应用打开</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="132"/>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="141"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="142"/>
        <source>Move to Trash</source>
        <translation>移到回收站</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="152"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="156"/>
        <source>No Rating</source>
        <translation>无评分</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="163"/>
        <source>Add to Board</source>
        <translation>添加到画板</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="169"/>
        <source>New Board…</source>
        <translation>新建画板…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="176"/>
        <source>Remove from “{0}”</source>
        <translation>从“{0}”中移除</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="181"/>
        <source>Add Tag…</source>
        <translation>添加标签…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="184"/>
        <source>Remove Tag</source>
        <translation>移除标签</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="202"/>
        <source>Opened the first %n images; select fewer to open the others.</source>
        <translation>
            <numerusform>已打开前 %n 张图像；要打开其余图像，请少选一些。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="215"/>
        <source>Copied %n image(s)</source>
        <translation>
            <numerusform>已复制 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="221"/>
        <source>Copied the prompt</source>
        <translation>已复制提示词</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="258"/>
        <source>New board</source>
        <translation>新建画板</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="258"/>
        <source>Board name:</source>
        <translation>画板名称：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="268"/>
        <source>Add tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_menu.py" line="268"/>
        <source>Tag:</source>
        <translation>标签：</translation>
    </message>
</context>
<context>
    <name>LibrarySync</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_sync.py" line="84"/>
        <source>The library folder cannot be watched for changes: {0}</source>
        <translation>无法监视图库文件夹的变化：{0}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_sync.py" line="105"/>
        <source>The library folder could not be read: {0}</source>
        <translation>无法读取图库文件夹：{0}</translation>
    </message>
</context>
<context>
    <name>LibraryTab</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/window_tab.py" line="44"/>
        <source>Show the library</source>
        <translation>显示图库</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/window_tab.py" line="48"/>
        <source>Switch between this session&apos;s results and the whole library (Ctrl+L)</source>
        <translation>在本次会话的结果和整个图库之间切换（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/window_tab.py" line="66"/>
        <source>Opening the library…</source>
        <translation>正在打开图库…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/window_tab.py" line="232"/>
        <source>Generating needs a Runware API key (Settings). Everything in the library works without one.</source>
        <translation>生成需要 Runware API 密钥（见设置）。图库的所有功能无需密钥即可使用。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/window_tab.py" line="236"/>
        <source>No connection to Runware: generating waits until it is back. The library works offline.</source>
        <translation>无法连接 Runware：生成将等待连接恢复。图库可离线使用。</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="94"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="97"/>
        <source>Undo Move to Trash</source>
        <translation>撤销移到回收站</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="103"/>
        <source>Put them back where they were ({0})</source>
        <translation>放回原处（{0}）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="188"/>
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="311"/>
        <source>Removed %n image(s) from “{0}”.</source>
        <translation>
            <numerusform>已从“{0}”中移除 %n 张图像。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="324"/>
        <source>Tagged %n image(s) “{0}”.</source>
        <translation>
            <numerusform>已为 %n 张图像添加标签“{0}”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="328"/>
        <source>Removed the tag “{0}” from %n image(s).</source>
        <translation>
            <numerusform>已从 %n 张图像移除标签“{0}”。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="377"/>
        <source>Some images could not be moved to the trash: {0}</source>
        <translation>部分图像无法移到回收站：{0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="388"/>
        <source>Moved %n image(s) to the trash.</source>
        <translation>
            <numerusform>已将 %n 张图像移到回收站。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/library_view.py" line="422"/>
        <source>Some images were no longer in the trash.</source>
        <translation>部分图像已不在回收站中。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/page_room.py" line="48"/>
        <source>No images match “{0}”</source>
        <translation>没有与“{0}”匹配的图像</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/page_room.py" line="48"/>
        <source>Clear search</source>
        <translation>清除搜索</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/page_room.py" line="50"/>
        <source>No images match these filters</source>
        <translation>没有符合这些筛选条件的图像</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/page_room.py" line="50"/>
        <source>Loosen or reset the filters above.</source>
        <translation>请放宽或重置上方的筛选条件。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/page_room.py" line="53"/>
        <source>This board is empty</source>
        <translation>这个画板是空的</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/page_room.py" line="54"/>
        <source>Drag images here from the grid or the results to add them; the files stay where they are.</source>
        <translation>把网格或结果中的图像拖到这里即可加入；文件仍留在原处。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/page_room.py" line="58"/>
        <source>The library is empty</source>
        <translation>图库是空的</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/library/page_room.py" line="59"/>
        <source>Every image you generate is saved here. Drop image files here to import them.</source>
        <translation>你生成的每张图像都会保存在这里。把图像文件拖到这里即可导入。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../seedream_desktop/ui/main_window.py" line="116"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/main_window.py" line="278"/>
        <source>Cancelled before it was sent: nothing is charged</source>
        <translation>在发送前已取消：不会产生费用</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/main_window.py" line="304"/>
        <source>The clipboard holds no image to use as a reference</source>
        <translation>剪贴板中没有可用作参考图的图像</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/main_window.py" line="364"/>
        <source> — DEMO</source>
        <translation> — 演示</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="36"/>
        <source>Runware</source>
        <translation>Runware</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="37"/>
        <source>BytePlus ModelArk</source>
        <translation>BytePlus ModelArk</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="38"/>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="39"/>
        <source>Who makes the images: each provider uses its own key (Settings).</source>
        <translation>由谁生成图像：每个服务商使用各自的密钥（见设置）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="42"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="43"/>
        <source>The model that makes the images. The prompt and references stay.</source>
        <translation>生成图片的模型。提示词和参考图保持不变。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="48"/>
        <source>Guidance scale</source>
        <translation>引导系数</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="49"/>
        <source>How closely the edit follows the prompt: higher is more literal.</source>
        <translation>编辑贴合提示词的程度：越高越贴合字面。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="50"/>
        <source>&amp;Guidance:</source>
        <translation>引导(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="55"/>
        <source>Model default</source>
        <translation>模型默认</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="56"/>
        <source>Standard (better)</source>
        <translation>标准（质量更好）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="57"/>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="61"/>
        <source>Prompt optimisation</source>
        <translation>提示词优化</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="62"/>
        <source>How the model rewrites the prompt before drawing.</source>
        <translation>模型在绘制前如何改写提示词。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="63"/>
        <source>O&amp;ptimise prompt:</source>
        <translation>优化提示词(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="68"/>
        <source>P&amp;rovider:</source>
        <translation>服务商(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="69"/>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/model_choice.py" line="85"/>
        <source>{model}: about ${price:.3f} per image</source>
        <translation>{model}：每张约 ${price:.3f}</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../seedream_desktop/ui/notices.py" line="57"/>
        <source>Connecting… your job starts when the connection is ready.</source>
        <translation>正在连接…连接就绪后任务即会开始。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/notices.py" line="62"/>
        <source>No connection to Runware: jobs are queued and will be sent when it is back.</source>
        <translation>无法连接 Runware：任务已排队，连接恢复后会发送。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/notices.py" line="75"/>
        <source>Cancelled, but Runware had already started it: its images are paid for and will still arrive in your library.</source>
        <translation>已取消，但 Runware 已经开始生成：这些图像已付费，仍会保存到你的图库中。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/notices.py" line="97"/>
        <source>Open Settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/notices.py" line="103"/>
        <source>Top up at my.runware.ai</source>
        <translation>在 my.runware.ai 充值</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/notices.py" line="109"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/notices.py" line="131"/>
        <source>DEMO — images come from the built-in Runware emulator on this computer: nothing is sent over the network and nothing is charged.</source>
        <translation>演示模式 — 图像来自本机内置的 Runware 模拟器：不会通过网络发送任何内容，也不收取任何费用。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/notices.py" line="135"/>
        <source>Use my own key…</source>
        <translation>使用我自己的密钥…</translation>
    </message>
</context>
<context>
    <name>PromptEditor</name>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_editor.py" line="92"/>
        <source>Describe the image… Refer to references as “image 1”, “image 2”.</source>
        <translation>描述你想要的图像… 用“图1”“图2”指代参考图。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_editor.py" line="94"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_editor.py" line="95"/>
        <source>Ctrl+Enter generates. Alt+Up / Alt+Down recall earlier prompts.</source>
        <translation>Ctrl+Enter 生成。Alt+↑ / Alt+↓ 调出之前的提示词。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_editor.py" line="98"/>
        <source>Prompt length</source>
        <translation>提示词长度</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_editor.py" line="103"/>
        <source>History ▾</source>
        <translation>历史 ▾</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_editor.py" line="104"/>
        <source>Earlier prompts: search, reuse, pin</source>
        <translation>之前的提示词：搜索、复用、置顶</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_editor.py" line="105"/>
        <source>Prompt history</source>
        <translation>提示词历史</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_editor.py" line="159"/>
        <source>{count} / {max}</source>
        <translation>{count} / {max}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/compose/prompt_editor.py" line="165"/>
        <source>%n characters too long: Seedream takes at most {max}. Shorten it before generating.</source>
        <translation>
            <numerusform>超出 %n 个字符：Seedream 最多接受 {max} 个字符。请先缩短再生成。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PromptHistoryModel</name>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_history.py" line="57"/>
        <source>Pinned: </source>
        <translation>已置顶：</translation>
    </message>
</context>
<context>
    <name>PromptHistoryPopup</name>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_history.py" line="90"/>
        <source>Search earlier prompts</source>
        <translation>搜索之前的提示词</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_history.py" line="91"/>
        <source>Search prompt history</source>
        <translation>搜索提示词历史</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_history.py" line="95"/>
        <source>Earlier prompts</source>
        <translation>之前的提示词</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_history.py" line="99"/>
        <source>Enter: use · Ctrl+P: pin / unpin · Delete: forget</source>
        <translation>Enter：使用 · Ctrl+P：置顶 / 取消置顶 · Delete：删除记录</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_history.py" line="178"/>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_history.py" line="178"/>
        <source>Pin to top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/prompt_history.py" line="181"/>
        <source>Forget this prompt</source>
        <translation>删除这条提示词记录</translation>
    </message>
</context>
<context>
    <name>ReferenceModel</name>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_model.py" line="72"/>
        <source> (preparing…)</source>
        <translation>（准备中…）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_model.py" line="73"/>
        <source>“image {n}” in the prompt: {name}{state}</source>
        <translation>提示词中的“图{n}”：{name}{state}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_model.py" line="77"/>
        <source>image {n}, {name}</source>
        <translation>图{n}，{name}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_model.py" line="92"/>
        <source>image {0}</source>
        <translation>图{0}</translation>
    </message>
</context>
<context>
    <name>ReferenceTray</name>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="59"/>
        <source>Not added: {reason}</source>
        <translation>未添加：{reason}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="60"/>
        <source>{name} was not added: {reason}</source>
        <translation>{name} 未添加：{reason}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="80"/>
        <source>Reference images</source>
        <translation>参考图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="83"/>
        <source>Drop images, folders or image links here, or paste with Ctrl+V.
Refer to them in the prompt as “image 1”, “image 2”…
Drag to reorder; Delete removes; Ctrl+Left/Right moves.</source>
        <translation>把图像、文件夹或图像链接拖到这里，或按 Ctrl+V 粘贴。
在提示词中用“图1”“图2”…指代它们。
拖动可调整顺序；Delete 移除；Ctrl+←/→ 移动。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="96"/>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="342"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="97"/>
        <source>Choose reference images from disk</source>
        <translation>从磁盘选择参考图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="98"/>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="196"/>
        <source>Add reference images</source>
        <translation>添加参考图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="104"/>
        <source>Reference tray message</source>
        <translation>参考图栏消息</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="109"/>
        <source>References</source>
        <translation>参考图</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="141"/>
        <source>With {seq} sequential images the tray takes at most {cap} references (together at most {total}).</source>
        <translation>设置了 {seq} 张组图时，参考图栏最多容纳 {cap} 张参考图（两者合计最多 {total} 张）。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="143"/>
        <source>Seedream takes at most {max} reference images.</source>
        <translation>Seedream 最多接受 {max} 张参考图。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="149"/>
        <source>Nothing there is an image, an image file or an image link.</source>
        <translation>其中没有图像、图像文件或图像链接。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="157"/>
        <source>The clipboard holds no image, image file or image link.</source>
        <translation>剪贴板中没有图像、图像文件或图像链接。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="177"/>
        <source>pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="182"/>
        <source>%n image(s) not added: {limit}</source>
        <translation>
            <numerusform>%n 张图像未添加：{limit}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="198"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="265"/>
        <source>{count} / {max}</source>
        <translation>{count} / {max}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="313"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="317"/>
        <source>Move earlier</source>
        <translation>前移</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="319"/>
        <source>Move later</source>
        <translation>后移</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="321"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="323"/>
        <source>Remove all</source>
        <translation>全部移除</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/reference_tray.py" line="327"/>
        <source>Edit a region…</source>
        <translation>编辑区域…</translation>
    </message>
</context>
<context>
    <name>ResendConfirm</name>
    <message>
        <location filename="../../seedream_desktop/ui/ark_window.py" line="60"/>
        <source>Send again?</source>
        <translation>要重新发送吗？</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_window.py" line="63"/>
        <source>This BytePlus ModelArk job stopped mid-stream: it may already have been charged, and there is no result to fetch. Sending it again is charged again.</source>
        <translation>此 BytePlus ModelArk 任务在传输中途中断：可能已经计费，且没有可获取的结果。重新发送会再次计费。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_window.py" line="67"/>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/ark_window.py" line="68"/>
        <source>Don&apos;t send</source>
        <translation>不发送</translation>
    </message>
</context>
<context>
    <name>ResultCommands</name>
    <message>
        <location filename="../../seedream_desktop/ui/off_gui.py" line="74"/>
        <location filename="../../seedream_desktop/ui/result_commands.py" line="212"/>
        <source>Could not save the mark: {reason}</source>
        <translation>无法保存标记：{reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/result_commands.py" line="114"/>
        <source>Copied %n image(s)</source>
        <translation>
            <numerusform>已复制 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/result_commands.py" line="120"/>
        <source>Prompt copied</source>
        <translation>已复制提示词</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/result_commands.py" line="126"/>
        <source>This image carries no settings to reuse</source>
        <translation>这张图像没有可复用的设置</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/result_commands.py" line="129"/>
        <source>Loaded the prompt and settings of the selected image</source>
        <translation>已载入所选图像的提示词和设置</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/result_commands.py" line="135"/>
        <source>Seed {seed} set</source>
        <translation>已设置种子 {seed}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/result_commands.py" line="145"/>
        <source>Added %n reference image(s)</source>
        <translation>
            <numerusform>已添加 %n 张参考图</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/result_commands.py" line="205"/>
        <source>Could not move to the trash: {reason}</source>
        <translation>无法移到回收站：{reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/result_commands.py" line="208"/>
        <source>Moved %n image(s) to the trash</source>
        <translation>
            <numerusform>已将 %n 张图像移到回收站</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultDelegate</name>
    <message>
        <location filename="../../seedream_desktop/ui/results/delegate.py" line="103"/>
        <source>{0} · {1} s</source>
        <translation>{0} · {1} 秒</translation>
    </message>
</context>
<context>
    <name>ResultGrid</name>
    <message>
        <location filename="../../seedream_desktop/ui/results/grid.py" line="42"/>
        <source>Results</source>
        <translation>生成结果</translation>
    </message>
</context>
<context>
    <name>ResultModel</name>
    <message>
        <location filename="../../seedream_desktop/ui/results/model.py" line="300"/>
        <source>Queued, will be sent when back online</source>
        <translation>排队中，恢复联网后发送</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/results/model.py" line="302"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/results/model.py" line="303"/>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/results/model.py" line="304"/>
        <source>Generating</source>
        <translation>生成中</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/results/model.py" line="305"/>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/results/model.py" line="306"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/results/model.py" line="307"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/results/model.py" line="308"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>ResultsPane</name>
    <message>
        <location filename="../../seedream_desktop/ui/workspace/results_pane.py" line="21"/>
        <source>Your images will appear here</source>
        <translation>生成的图像会显示在这里</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/workspace/results_pane.py" line="23"/>
        <source>Write a prompt on the left, then press Generate (Ctrl+Enter). Add reference images to edit or combine them.</source>
        <translation>在左侧写下提示词，然后点击“生成”（Ctrl+Enter）。添加参考图即可修改或组合图像。</translation>
    </message>
</context>
<context>
    <name>ResultsTrashUndo</name>
    <message>
        <location filename="../../seedream_desktop/ui/results/trash_undo.py" line="29"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/results/trash_undo.py" line="31"/>
        <source>Undo Move to Trash</source>
        <translation>撤销移到回收站</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/results/trash_undo.py" line="37"/>
        <source>Put them back where they were ({0})</source>
        <translation>放回原处（{0}）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/results/trash_undo.py" line="46"/>
        <source>Moved %n image(s) to the trash.</source>
        <translation>
            <numerusform>已将 %n 张图像移到回收站。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../seedream_desktop/jobs/session.py" line="39"/>
        <source>The library index in {folder} cannot be opened ({detail}). New images are still saved there; the library lists them once the index opens again.</source>
        <translation>无法打开 {folder} 中的图库索引（{detail}）。新图像仍会保存到该文件夹；索引恢复后图库会列出它们。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="77"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="95"/>
        <source>Runware API key</source>
        <translation>Runware API 密钥</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="99"/>
        <source>Test key</source>
        <translation>测试密钥</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="101"/>
        <source>Remove key</source>
        <translation>移除密钥</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="110"/>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="116"/>
        <source>No system keychain was found (on Linux: no Secret Service such as GNOME Keyring or KWallet is running), so the key cannot be stored safely. It is never written to a file in plain text. You can keep it for this session only.</source>
        <translation>未找到系统钥匙串（Linux 上：没有运行 GNOME Keyring、KWallet 等 Secret Service），因此无法安全地保存密钥。密钥绝不会以明文写入文件。你可以只在本次会话中保留它。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="125"/>
        <source>Keep the key for this session only (forgotten when the app quits)</source>
        <translation>仅在本次会话中保留密钥（退出应用后即忘记）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="138"/>
        <source>ModelArk key:</source>
        <translation>ModelArk 密钥：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="143"/>
        <source>API address:</source>
        <translation>API 地址：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="146"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="151"/>
        <source>Library folder:</source>
        <translation>图库文件夹：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="158"/>
        <source>Default format:</source>
        <translation>默认格式：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="163"/>
        <source>Default quality:</source>
        <translation>默认质量：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="169"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="171"/>
        <source>Daily budget:</source>
        <translation>每日预算：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="176"/>
        <source>photo.png.xmp (darktable, digiKam)</source>
        <translation>photo.png.xmp（darktable、digiKam）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="177"/>
        <source>photo.xmp (Lightroom, Bridge)</source>
        <translation>photo.xmp（Lightroom、Bridge）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="178"/>
        <source>Not written</source>
        <translation>不写入</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="182"/>
        <source>Marks as XMP sidecars:</source>
        <translation>标记写入 XMP 附属文件：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="184"/>
        <source>Also write marks into JPEG, PNG and WEBP files</source>
        <translation>同时将标记写入 JPEG、PNG 和 WEBP 文件本身</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="188"/>
        <source>Tools that ignore sidecars then see them too. Only the file&apos;s XMP changes, never its pixels.</source>
        <translation>这样不读取附属文件的工具也能看到标记。只改动文件中的 XMP，绝不改动像素。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="197"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="199"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="200"/>
        <source>A new language is applied when the app restarts.</source>
        <translation>新的语言将在应用重启后生效。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="228"/>
        <source>Looking in the keychain…</source>
        <translation>正在查询系统钥匙串…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="271"/>
        <source>A key is set (in the system keychain). Type a new one to replace it.</source>
        <translation>已设置密钥（保存在系统钥匙串中）。输入新密钥即可替换。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="272"/>
        <source>A key is set for this session only. Type a new one to replace it.</source>
        <translation>已设置仅限本次会话的密钥。输入新密钥即可替换。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="273"/>
        <source>A key is set by the SEEDREAM_API_KEY environment variable.</source>
        <translation>密钥由环境变量 SEEDREAM_API_KEY 设置。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="274"/>
        <source>No key is set. Get one at my.runware.ai and paste it here.</source>
        <translation>尚未设置密钥。请在 my.runware.ai 获取并粘贴到这里。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="278"/>
        <source>•••••••• (hidden)</source>
        <translation>••••••••（已隐藏）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="278"/>
        <source>Paste your key</source>
        <translation>粘贴你的密钥</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="284"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="300"/>
        <source>Enter a key to test.</source>
        <translation>请输入要测试的密钥。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="307"/>
        <source>✓ The key works.</source>
        <translation>✓ 密钥可用。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="310"/>
        <source>✗ {reason}</source>
        <translation>✗ {reason}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="319"/>
        <source>The keychain did not remove the key: {reason}</source>
        <translation>钥匙串未能删除密钥：{reason}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="329"/>
        <source>Library folder</source>
        <translation>图库文件夹</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_dialog.py" line="354"/>
        <source>There is no keychain to store the key in. Tick “keep for this session only” to use it until the app quits.</source>
        <translation>没有可保存密钥的钥匙串。勾选“仅在本次会话中保留密钥”，即可使用到应用退出为止。</translation>
    </message>
</context>
<context>
    <name>SettingsErrors</name>
    <message>
        <location filename="../../seedream_desktop/ui/settings_errors.py" line="26"/>
        <source>Could not reach {0}: check the address or your network.</source>
        <translation>无法连接 {0}：请检查地址或网络。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_errors.py" line="35"/>
        <source>The key could not be tested. Check the address, then try again.</source>
        <translation>无法测试密钥。请检查地址后重试。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_errors.py" line="41"/>
        <source>No keychain is available: start your system&apos;s keychain (GNOME Keyring, KWallet) or keep the key for this session only.</source>
        <translation>没有可用的钥匙串：请启动系统钥匙串（GNOME Keyring、KWallet），或仅在本次会话中保留密钥。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_errors.py" line="46"/>
        <source>The keychain refused the key: unlock the keychain, then try again.</source>
        <translation>钥匙串拒绝了密钥：请解锁钥匙串后重试。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/settings_errors.py" line="47"/>
        <source>The keychain could not be used: unlock it or keep the key for this session only.</source>
        <translation>无法使用钥匙串：请解锁，或仅在本次会话中保留密钥。</translation>
    </message>
</context>
<context>
    <name>SizePicker</name>
    <message>
        <location filename="../../seedream_desktop/ui/compose/size_picker.py" line="46"/>
        <source>Output size</source>
        <translation>输出尺寸</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/size_picker.py" line="90"/>
        <source>{label}, {width} × {height} pixels</source>
        <translation>{label}，{width} × {height} 像素</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/size_picker.py" line="94"/>
        <source>Output size: {0}. Arrow keys choose another size.</source>
        <translation>输出尺寸：{0}。用方向键选择其他尺寸。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/size_picker.py" line="124"/>
        <source>{model} keeps the shape of the reference image; there is no size to pick.</source>
        <translation>{model} 保持参考图的形状；无需选择尺寸。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/size_picker.py" line="141"/>
        <source>1K comes only as a square (1:1); pick 2K or 4K for other shapes.</source>
        <translation>1K 只有方形（1:1）；其他比例请选 2K 或 4K。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/compose/size_picker.py" line="221"/>
        <source>{label}: {width} × {height} pixels ({mp:.1f} MP)</source>
        <translation>{label}：{width} × {height} 像素（{mp:.1f} 百万像素）</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../seedream_desktop/ui/self_checks.py" line="21"/>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="34"/>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/status_bar.py" line="29"/>
        <source>%n running</source>
        <translation>
            <numerusform>%n 个进行中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/status_bar.py" line="31"/>
        <source>%n queued</source>
        <translation>
            <numerusform>%n 个排队中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../seedream_desktop/ui/status_bar.py" line="33"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="40"/>
        <source>Demo today: ${spent} (not charged)</source>
        <translation>演示今日：${spent}（不收费）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="42"/>
        <source>Today: ${spent} of ${budget}</source>
        <translation>今日：${spent} / ${budget}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="44"/>
        <source>Today: ${spent}</source>
        <translation>今日：${spent}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="47"/>
        <source>What these demo images would have cost at Runware; nothing is charged</source>
        <translation>这些演示图像在 Runware 上本应花费的金额；不会收取任何费用</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="49"/>
        <source>What Runware charged today (demo jobs are not counted)</source>
        <translation>Runware 今日收取的费用（不计演示任务）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="55"/>
        <source>Connecting to {host}…</source>
        <translation>正在连接 {host}…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="56"/>
        <source>Connected to {host}</source>
        <translation>已连接到 {host}</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="57"/>
        <source>DEMO — built-in emulator, no real images or charges</source>
        <translation>演示模式 — 内置模拟器，不生成真实图像，不收费</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="58"/>
        <source>Offline — jobs wait and go out when the network is back</source>
        <translation>离线 — 任务将等待，网络恢复后发送</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="59"/>
        <source>No API key — open Settings or try the demo</source>
        <translation>没有 API 密钥 — 请打开设置或试用演示</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/status_bar.py" line="60"/>
        <source>BytePlus ModelArk key only — Runware needs its own key (Settings)</source>
        <translation>仅有 BytePlus ModelArk 密钥——Runware 需要自己的密钥（见设置）</translation>
    </message>
</context>
<context>
    <name>TileSlider</name>
    <message>
        <location filename="../../seedream_desktop/ui/tile_slider.py" line="24"/>
        <source>Tile size</source>
        <translation>缩略图大小</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/tile_slider.py" line="25"/>
        <source>Tile size (Ctrl+wheel, Ctrl+= and Ctrl+−)</source>
        <translation>缩略图大小（Ctrl+滚轮、Ctrl+= 和 Ctrl+−）</translation>
    </message>
</context>
<context>
    <name>UnhandledErrors</name>
    <message>
        <location filename="../../seedream_desktop/ui/unhandled.py" line="84"/>
        <source>The details are in {path}; please attach that file when you report it.</source>
        <translation>详细信息在 {path} 中；报告问题时请附上该文件。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/unhandled.py" line="87"/>
        <source>The details could not be written to a log file.</source>
        <translation>详细信息未能写入日志文件。</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/unhandled.py" line="90"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/unhandled.py" line="92"/>
        <source>Something went wrong inside Seedream Desktop. It keeps running, but the last action may not have finished.</source>
        <translation>Seedream Desktop 内部出错了。程序仍在运行，但上一个操作可能没有完成。</translation>
    </message>
</context>
<context>
    <name>ViewerPage</name>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="50"/>
        <source>Viewer</source>
        <translation>查看器</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="52"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="64"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="64"/>
        <source>Back to the grid (Esc)</source>
        <translation>返回网格（Esc）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="67"/>
        <source>Previous image (Left)</source>
        <translation>上一张（Left）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="68"/>
        <source>Next image (Right)</source>
        <translation>下一张（Right）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="69"/>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="69"/>
        <source>Fit the window (Z)</source>
        <translation>适合窗口（Z）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="71"/>
        <source>100 %</source>
        <translation>100%</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="71"/>
        <source>One image pixel per screen pixel (Z)</source>
        <translation>一个图像像素对应一个屏幕像素（Z）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="76"/>
        <source>Edit a region…</source>
        <translation>编辑区域…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="77"/>
        <source>Mark the area to change and describe the change (Ctrl+Alt+E)</source>
        <translation>标出要修改的区域并描述修改内容（Ctrl+Alt+E）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="81"/>
        <source>Compare with original</source>
        <translation>与原图对比</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="82"/>
        <source>This edit beside the image it was made from</source>
        <translation>将此编辑结果与其原图并排显示</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="87"/>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="88"/>
        <source>Compare the two images side by side</source>
        <translation>并排比较两张图像</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="92"/>
        <source>Split</source>
        <translation>分割</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="92"/>
        <source>Compare with a divider you drag</source>
        <translation>拖动分割线比较</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="173"/>
        <source>Loading {0}…</source>
        <translation>正在载入 {0}…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/page.py" line="196"/>
        <source>This image cannot be shown (the file is missing or damaged).</source>
        <translation>无法显示这张图像（文件丢失或已损坏）。</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="92"/>
        <source>Rate %n star</source>
        <translation>评为 %n 星</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="93"/>
        <source>Rate %n stars</source>
        <translation>评为 %n 星</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="90"/>
        <source>Clear rating</source>
        <translation>清除评分</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="132"/>
        <location filename="../../seedream_desktop/ui/actions.py" line="191"/>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="135"/>
        <source>&amp;Cancel job</source>
        <translation>取消任务(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="136"/>
        <source>Cancel &amp;all jobs</source>
        <translation>取消全部任务(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="137"/>
        <source>&amp;Retry failed job</source>
        <translation>重试失败的任务(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="140"/>
        <source>&amp;Paste image as reference</source>
        <translation>粘贴图像作为参考图(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="144"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="145"/>
        <source>Try the &amp;demo</source>
        <translation>试用演示(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="146"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="147"/>
        <source>&amp;Open in viewer</source>
        <translation>在查看器中打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="148"/>
        <source>Open in &amp;default app</source>
        <translation>用默认应用打开(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="149"/>
        <source>Show in &amp;folder</source>
        <translation>在文件夹中显示(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="151"/>
        <source>&amp;Copy image</source>
        <translation>复制图像(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="153"/>
        <source>Copy &amp;prompt</source>
        <translation>复制提示词(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="154"/>
        <source>Reuse &amp;settings</source>
        <translation>复用设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="155"/>
        <source>Reuse s&amp;eed</source>
        <translation>复用种子(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="156"/>
        <source>Use as &amp;reference</source>
        <translation>用作参考图(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="157"/>
        <source>Edit a re&amp;gion…</source>
        <translation>编辑区域(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="158"/>
        <source>&amp;Adjust this edit…</source>
        <translation>调整这次编辑(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="159"/>
        <source>Compare with &amp;original</source>
        <translation>与原图对比(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="160"/>
        <source>&amp;Favourite</source>
        <translation>收藏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="162"/>
        <source>Move to &amp;trash</source>
        <translation>移到回收站(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="165"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="186"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="194"/>
        <source>&amp;Image</source>
        <translation>图像(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/actions.py" line="223"/>
        <source>&amp;Rate</source>
        <translation>评分(&amp;R)</translation>
    </message>
</context>
<context>
    <name>WindowViewer</name>
    <message>
        <location filename="../../seedream_desktop/ui/viewer/window_viewer.py" line="262"/>
        <source>The image this was edited from is not in the library any more.</source>
        <translation>此图像编辑前的原图已不在图库中。</translation>
    </message>
</context>
<context>
    <name>WorkspaceSwitch</name>
    <message>
        <location filename="../../seedream_desktop/ui/workspace/switch.py" line="20"/>
        <source>&amp;Create</source>
        <translation>创作(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/workspace/switch.py" line="21"/>
        <source>Compose and generate; the results fill the rest (Ctrl+1)</source>
        <translation>撰写并生成；其余空间显示结果（Ctrl+1）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/workspace/switch.py" line="22"/>
        <source>&amp;Library</source>
        <translation>图库(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/workspace/switch.py" line="23"/>
        <source>Browse, search and mark every image (Ctrl+2)</source>
        <translation>浏览、搜索并标记所有图像（Ctrl+2）</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/workspace/switch.py" line="27"/>
        <source>Show the &amp;compose panel</source>
        <translation>显示撰写面板(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/workspace/switch.py" line="54"/>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <location filename="../../seedream_desktop/ui/workspace/switch.py" line="73"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
</context>
</TS>
